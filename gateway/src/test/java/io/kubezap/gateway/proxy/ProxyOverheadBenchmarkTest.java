package io.kubezap.gateway.proxy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.gateway.Sessions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
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
 * Proxy overhead: the same call ({@code GET …/qr}, a small JSON answer) sent straight to the session pod stand-in
 * and through the gateway, one at a time over keep-alive connections, in alternating blocks so both see the same
 * machine load. Runs only on request ({@code scripts/bench gateway}); prints {@code BENCH|…} lines.
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
        HttpRequest direct = HttpRequest.newBuilder(URI.create(pod + "/api/v1/sessions/bench/qr"))
                .header("X-Api-Key", SessionPodStandIn.POD_KEY).build();
        HttpRequest proxied = HttpRequest.newBuilder(gateway.toURI().resolve("/api/v1/sessions/bench/qr"))
                .header("X-Api-Key", Sessions.ADMIN_KEY).build();

        // the gateway's own share without a pod: authentication and one API-server read of the session
        HttpRequest session = HttpRequest.newBuilder(gateway.toURI().resolve("/api/v1/sessions/bench"))
                .header("X-Api-Key", Sessions.ADMIN_KEY).build();

        time(direct, WARMUP);
        time(proxied, WARMUP);
        time(session, WARMUP);
        long[] directNanos = new long[REQUESTS];
        long[] proxiedNanos = new long[REQUESTS];
        long[] sessionNanos = new long[REQUESTS];
        for (int done = 0; done < REQUESTS; done += BLOCK) {
            System.arraycopy(time(direct, BLOCK), 0, directNanos, done, BLOCK);
            System.arraycopy(time(proxied, BLOCK), 0, proxiedNanos, done, BLOCK);
            System.arraycopy(time(session, BLOCK), 0, sessionNanos, done, BLOCK);
            SessionPodStandIn.RECEIVED.clear();
        }
        Arrays.sort(directNanos);
        Arrays.sort(proxiedNanos);
        Arrays.sort(sessionNanos);
        report("p50", directNanos, proxiedNanos, sessionNanos, 0.50);
        report("p99", directNanos, proxiedNanos, sessionNanos, 0.99);
        assertThat(proxiedNanos[REQUESTS / 2]).isGreaterThan(0);
    }

    private long[] time(HttpRequest request, int count) throws IOException, InterruptedException {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            nanos[i] = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new AssertionError(request.uri() + " answered " + response.statusCode());
            }
        }
        return nanos;
    }

    private static void report(String percentile, long[] direct, long[] proxied, long[] session, double at) {
        double pod = millis(direct, at);
        double viaGateway = millis(proxied, at);
        System.out.printf("BENCH|gateway|GET …/qr %s, %d sequential requests: pod direct / via gateway|%.2f / %.2f ms|%n",
                percentile, REQUESTS, pod, viaGateway);
        System.out.printf("BENCH|gateway|proxy overhead per request, %s|%.2f ms|%n", percentile, viaGateway - pod);
        System.out.printf("BENCH|gateway|GET /api/v1/sessions/{name} (no pod, one API-server read), %s|%.2f ms|%n",
                percentile, millis(session, at));
    }

    private static double millis(long[] sorted, double at) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(at * sorted.length) - 1)] / 1_000_000.0;
    }
}
