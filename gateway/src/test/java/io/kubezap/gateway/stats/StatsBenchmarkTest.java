package io.kubezap.gateway.stats;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.gateway.GatewayDatabase;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.gateway.Sessions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/stats} over a million stored messages in 100 sessions (10 namespaces), 100,000 webhook
 * deliveries: the time of a call for every session, one namespace and one session. Runs only on request
 * ({@code scripts/bench gateway}); prints {@code BENCH|…} lines.
 */
@Tag("benchmark")
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStandIn.class)
@WithTestResource(GatewayDatabase.class)
class StatsBenchmarkTest {

    private static final int MESSAGES = Integer.getInteger("benchmark.messages", 1_000_000);
    private static final int CALLS = 30;

    @Inject
    KubernetesClient client;

    @TestHTTPResource("/api/v1/stats")
    URI stats;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void statsAtAMillionMessages() throws Exception {
        new Sessions(client).gatewayKey("gateway-admin", Sessions.ADMIN_KEY, "admin", "*", null);
        long start = System.nanoTime();
        GatewayDatabase.update("""
                insert into messages (namespace, session, id, chat_jid, direction, type, text, status, created_at, updated_at)
                select 'ns' || (i % 10), 's' || (i % 100), 'm' || i, '55119' || (i % 5000) || '@s.whatsapp.net',
                       case when i % 2 = 0 then 'in' else 'out' end, 'text', 'message ' || i,
                       case when i % 2 = 0 then 'received' when i % 50 = 1 then 'failed' else 'delivered' end,
                       now() - (i || ' seconds')::interval, now() - (i || ' seconds')::interval
                from generate_series(1, ?) i""", MESSAGES);
        GatewayDatabase.update("""
                insert into events (namespace, session, type, payload, occurred_at)
                select 'ns' || (i % 10), 's' || (i % 100), 'message.received', '{}', now()
                from generate_series(1, ?) i""", MESSAGES / 10);
        GatewayDatabase.update("""
                insert into webhook_deliveries (id, namespace, session, event_id, event_type, endpoint_url, payload,
                                                status, next_attempt_at, created_at)
                select 'msg_' || id, namespace, session, id, type, 'https://hooks.example.com', '{}',
                       case when id % 100 = 0 then 'failed' when id % 10 = 0 then 'pending' else 'delivered' end,
                       now(), now()
                from events where namespace like 'ns%'""");
        // what autovacuum does on a live database: statistics, and the visibility map index-only scans need
        GatewayDatabase.update("vacuum analyze");
        System.out.printf("BENCH|gateway-stats|loaded %d messages, %d events and deliveries in %.0f s%n",
                MESSAGES, MESSAGES / 10, (System.nanoTime() - start) / 1e9);

        measure("every session", "");
        measure("one namespace (10 sessions)", "?namespace=ns3");
        measure("one session", "?session=ns3/s13");
    }

    private void measure(String what, String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(stats + query)).header("X-Api-Key", Sessions.ADMIN_KEY).build();
        List<Long> micros = new ArrayList<>();
        String body = null;
        for (int i = 0; i < CALLS + 3; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            if (i >= 3) {
                micros.add((System.nanoTime() - started) / 1000);
            }
            body = response.body();
        }
        List<Long> sorted = micros.stream().sorted().toList();
        System.out.printf("BENCH|gateway-stats|%s: p50 %.1f ms, p99 %.1f ms over %d calls; %s%n", what,
                sorted.get(sorted.size() / 2) / 1000.0, sorted.get((int) (sorted.size() * 0.99)) / 1000.0, CALLS,
                body.substring(body.indexOf("\"messages\""), body.indexOf("\"latest\"")));
    }
}
