package io.kubezap.gateway.proxy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.gateway.Sessions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proxy overhead: the same calls ({@code GET …/messages} and {@code POST …/messages}, small JSON answers) sent straight
 * to the session pod stand-in and through the gateway, one at a time over keep-alive connections, in alternating
 * blocks so both see the same machine load; and the requests the gateway made to the API server meanwhile (after
 * warm-up). Runs only on request ({@code scripts/bench gateway}); prints {@code BENCH|…} lines.
 */
@Tag("benchmark")
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStandIn.class)
class ProxyOverheadBenchmarkTest {

    private static final int WARMUP = Integer.getInteger("benchmark.warmup", 2_000);
    private static final int REQUESTS = Integer.getInteger("benchmark.requests", 10_000);
    private static final int BLOCK = 500;

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    KubernetesServer server;

    @TestHTTPResource("/")
    URL gateway;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void proxyOverheadPerRequest() throws Exception {
        Sessions sessions = new Sessions(client);
        sessions.gatewayKey("gateway-admin", Sessions.ADMIN_KEY, "admin", "*", null);
        sessions.applied("test", "bench", Map.of());
        sessions.withApiKey("test", "bench", SessionPodStandIn.POD_KEY);
        String pod = ConfigProvider.getConfig().getValue("kubezap.gateway.session-url", String.class);
        String body = "{\"to\": \"5511999999999\", \"text\": \"hi\"}";
        Map<String, HttpRequest[]> calls = Map.of(
                "GET …/messages", new HttpRequest[]{
                        HttpRequest.newBuilder(URI.create(pod + "/api/v1/sessions/bench/messages"))
                                .header("X-Api-Key", SessionPodStandIn.POD_KEY).build(),
                        HttpRequest.newBuilder(gateway.toURI().resolve("/api/v1/sessions/bench/messages"))
                                .header("X-Api-Key", Sessions.ADMIN_KEY).build()},
                "POST …/messages", new HttpRequest[]{
                        HttpRequest.newBuilder(URI.create(pod + "/api/v1/sessions/bench/messages"))
                                .header("X-Api-Key", SessionPodStandIn.POD_KEY).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpRequest.newBuilder(gateway.toURI().resolve("/api/v1/sessions/bench/messages"))
                                .header("X-Api-Key", Sessions.ADMIN_KEY).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build()});
        for (var call : calls.entrySet()) {
            time(call.getValue()[0], WARMUP);
            time(call.getValue()[1], WARMUP);
        }
        int apiRequestsBefore = server.getKubernetesMockServer().getRequestCount();
        for (var call : new java.util.TreeMap<>(calls).entrySet()) {
            long[] directNanos = new long[REQUESTS];
            long[] proxiedNanos = new long[REQUESTS];
            for (int done = 0; done < REQUESTS; done += BLOCK) {
                System.arraycopy(time(call.getValue()[0], BLOCK), 0, directNanos, done, BLOCK);
                System.arraycopy(time(call.getValue()[1], BLOCK), 0, proxiedNanos, done, BLOCK);
                SessionPodStandIn.RECEIVED.clear();
            }
            Arrays.sort(directNanos);
            Arrays.sort(proxiedNanos);
            report(call.getKey(), "p50", directNanos, proxiedNanos, 0.50);
            report(call.getKey(), "p99", directNanos, proxiedNanos, 0.99);
            assertThat(proxiedNanos[REQUESTS / 2]).isGreaterThan(0);
        }
        int apiRequests = server.getKubernetesMockServer().getRequestCount() - apiRequestsBefore;
        System.out.printf("BENCH|gateway|API-server requests per 1,000 proxied calls after warm-up (%d calls)|%.2f|0%n",
                2 * REQUESTS, apiRequests * 1000.0 / (2 * REQUESTS));
    }

    private long[] time(HttpRequest request, int count) throws IOException, InterruptedException {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            nanos[i] = System.nanoTime() - start;
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError(request.uri() + " answered " + response.statusCode());
            }
        }
        return nanos;
    }

    private static void report(String call, String percentile, long[] direct, long[] proxied, double at) {
        double pod = millis(direct, at);
        double viaGateway = millis(proxied, at);
        System.out.printf("BENCH|gateway|%s %s, %d sequential requests: pod direct / via gateway|%.2f / %.2f ms|%n",
                call, percentile, REQUESTS, pod, viaGateway);
        System.out.printf("BENCH|gateway|%s proxy overhead per request, %s|%.2f ms|%s%n", call, percentile,
                viaGateway - pod, "p99".equals(percentile) ? "≤ 2 ms" : "");
    }

    private static double millis(long[] sorted, double at) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(at * sorted.length) - 1)] / 1_000_000.0;
    }
}
