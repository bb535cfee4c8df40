package io.kubezap.system;

import io.kubezap.system.scale.ApiRequests;
import io.kubezap.system.scale.GatewayFleet;
import io.kubezap.system.scale.JvmHeap;
import io.kubezap.system.scale.KeyedSessionPods;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import static org.awaitility.Awaitility.await;

/**
 * Issue 50's gateway figures, not part of the default build ({@code scripts/bench gateway-fleet}): the packaged gateway in
 * its own JVM against the mock API server in this one, holding a fleet of sessions as a real API server sends them
 * ({@link MockCluster#startServerShaped}: managedFields on every session and Secret, the annotations of a GitOps apply
 * on every session, {@link GitOpsSessions}) — each session Connected with the status the operator writes, and its API
 * key's copy in the gateway's namespace as the operator writes it. For each fleet size (growing, {@code
 * benchmark.sessions}, e.g. {@code 2000,10000}) and each gateway jar ({@code benchmark.gatewayJars}, e.g. the code
 * before and after a change, {@code label=path} comma-separated), a gateway is started, and reported: how long until
 * ready, its resident memory (and peak), live heap after a full GC, NMT's summary when its JVM options turn it on, and
 * the latency of calls through it (a session's view, a page of the list, and a proxied call to a random session's pod,
 * which answers only that session's own key: {@link KeyedSessionPods}) with the API server's requests meanwhile.
 * Prints {@code BENCH|…} lines.
 */
@Tag("benchmark")
class GatewayAtScaleBenchmarkIT {

    private static final List<Integer> SESSIONS = Arrays.stream(System.getProperty("benchmark.sessions", "2000,10000")
            .split(",")).map(String::trim).map(Integer::valueOf).toList();
    private static final int REQUESTS = Integer.getInteger("benchmark.requests", 2000);
    /** JVM options after the QuarkusProcess defaults (the chart's for the size, and NMT), space-separated. */
    private static final List<String> JVM_OPTIONS = words(System.getProperty("benchmark.gatewayJvmOptions",
            "-XX:NativeMemoryTracking=summary"));
    private static final List<String> ENVIRONMENT = words(System.getProperty("benchmark.gatewayEnvironment", ""));
    private static final String NAMESPACE = "default";
    private static final String ADMIN_KEY = "bench-admin-key";
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void quietMockServer() {
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
    }

    @Test
    void gatewayHoldsAFleetAndAnswersThroughIt() throws Exception {
        Path root = Path.of(System.getProperty("kubezap.repositoryRoot", ".."));
        Path workDir = Files.createDirectories(Path.of("target", "system", "gateway-scale-" + System.currentTimeMillis()).toAbsolutePath());
        Map<String, Path> jars = jars();
        try (MockCluster cluster = MockCluster.startServerShaped(workDir, root.resolve("helm/kubezap/files/crds/whatsappsessions.kubezap.io-v1.yml"));
             KeyedSessionPods pods = new KeyedSessionPods()) {
            var fleet = new GatewayFleet(cluster.client(), NAMESPACE, MockCluster.OPERATOR_NAMESPACE);
            fleet.adminKey(ADMIN_KEY);
            ApiRequests requests = new ApiRequests(cluster.server());
            int created = 0;
            for (int sessions : SESSIONS) {
                long start = System.nanoTime();
                int from = created;
                new ForkJoinPool(8).submit(() -> IntStream.range(from, sessions).parallel()
                        .forEach(i -> fleet.createConnected(name(i)))).get();
                created = sessions;
                report(sessions, "fleet", "sessions and key copies created (server-shaped, GitOps-annotated, Connected)",
                        "%d in %.0f s".formatted(sessions - from, seconds(System.nanoTime() - start)));
                for (var jar : jars.entrySet()) {
                    measure(cluster, pods, requests, sessions, jar.getKey(), jar.getValue(), workDir);
                }
            }
        }
    }

    private void measure(MockCluster cluster, KeyedSessionPods pods, ApiRequests requests, int sessions, String label,
                         Path jar, Path workDir) throws Exception {
        int port = freePort();
        int management = freePort();
        Map<String, String> environment = new HashMap<>(Map.of(
                "QUARKUS_HTTP_PORT", Integer.toString(port),
                "QUARKUS_MANAGEMENT_PORT", Integer.toString(management),
                "KUBEZAP_NAMESPACE", MockCluster.OPERATOR_NAMESPACE,
                "KUBEZAP_GATEWAY_STREAM_TOKEN_KEY", "bench-stream-token-key",
                "KUBEZAP_GATEWAY_SESSION_URL", pods.baseUrl()));
        ENVIRONMENT.stream().map(setting -> setting.split("=", 2)).forEach(setting -> environment.put(setting[0], setting[1]));
        Path log = workDir.resolve("gateway-%s-%d.log".formatted(label, sessions));
        requests.drain();
        long start = System.nanoTime();
        try (QuarkusProcess gateway = QuarkusProcess.start("gateway", jar, cluster.kubeconfig(), JVM_OPTIONS, environment, log)) {
            URI base = URI.create("http://127.0.0.1:" + port);
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .failFast("the gateway exited before it was ready (log: " + log + ")", () -> !gateway.isAlive())
                    .until(() -> status(URI.create("http://127.0.0.1:" + management + "/q/health/ready")) == 200);
            String what = label + " gateway";
            report(sessions, label, what + ": started until ready (its informers synced)", "%.1f s".formatted(seconds(System.nanoTime() - start)));
            int[] listed = GatewayFleet.countByPages(http, base, ADMIN_KEY, NAMESPACE, 500);
            report(sessions, label, what + ": sessions listed through it (pages of 500), of them Connected",
                    "%d, %d".formatted(listed[0], listed[1]));
            report(sessions, label, what + ": resident memory when ready and listed", mib(JvmHeap.residentBytes(gateway.pid())));

            Map<String, Long> atStart = requests.drain();
            report(sessions, label, what + ": API server requests until listed (list pages: GET; and watches)",
                    atStart.values().stream().mapToLong(Long::longValue).sum() + " " + atStart.toString().replace('|', '/'));
            long refusedBefore = pods.refused();
            latencies(sessions, label, what, "GET a session (view from the cache)", base, i -> "/api/v1/namespaces/%s/sessions/%s".formatted(NAMESPACE, name(i)));
            latencies(sessions, label, what, "GET a page of 100 sessions (from the cache)", base, i -> "/api/v1/sessions?namespace=%s&limit=100".formatted(NAMESPACE));
            latencies(sessions, label, what, "GET …/messages proxied to a random session's pod", base, i -> "/api/v1/namespaces/%s/sessions/%s/messages?limit=1".formatted(NAMESPACE, name(i)));
            latencies(sessions, label, "no gateway", "GET …/messages straight to the pod stand-in (its own key)",
                    URI.create(pods.baseUrl()), i -> "/api/v1/sessions/%s/messages?limit=1".formatted(name(i)), null);
            Map<String, Long> during = requests.drain();
            report(sessions, label, what + ": API server requests during the %d × 3 calls".formatted(REQUESTS),
                    during.values().stream().mapToLong(Long::longValue).sum() + " " + during.toString().replace('|', '/'));
            report(sessions, label, what + ": proxied calls the pods refused (wrong key)", Long.toString(pods.refused() - refusedBefore));

            System.out.println(String.join("\n", JvmHeap.nativeMemorySummary(gateway.pid())));
            report(sessions, label, what + ": peak resident memory (VmHWM, since start)", mib(JvmHeap.peakResidentBytes(gateway.pid())));
            report(sessions, label, what + ": live heap after a full GC", mib(JvmHeap.liveBytesAfterFullGc(gateway.pid(), 25)));
            report(sessions, label, what + ": resident memory after the full GC", mib(JvmHeap.residentBytes(gateway.pid())));
        }
    }

    private void latencies(int sessions, String label, String what, String call, URI base,
                           java.util.function.IntFunction<String> path) throws Exception {
        latencies(sessions, label, what, call, base, path, ADMIN_KEY);
    }

    /**
     * {@link #REQUESTS} calls one at a time (a tenth more first, to warm up), each to a random session of the fleet, with
     * {@code key}, or with the session's own key when {@code null} (straight to its pod).
     */
    private void latencies(int sessions, String label, String what, String call, URI base,
                           java.util.function.IntFunction<String> path, String key) throws Exception {
        long[] nanos = new long[REQUESTS];
        int failed = 0;
        for (int n = -REQUESTS / 10; n < REQUESTS; n++) {
            int i = ThreadLocalRandom.current().nextInt(sessions);
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path.apply(i)))
                    .header("X-Api-Key", key == null ? KeyedSessionPods.keyOf(name(i)) : key).GET().build();
            long start = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long took = System.nanoTime() - start;
            if (n >= 0) {
                nanos[n] = took;
                failed += response.statusCode() == 200 ? 0 : 1;
            }
        }
        Arrays.sort(nanos);
        report(sessions, label, "%s: %s, p50 / p99 / max (%d calls)".formatted(what, call, REQUESTS),
                "%.2f / %.2f / %.2f ms%s".formatted(nanos[REQUESTS / 2] / 1e6, nanos[(int) Math.ceil(REQUESTS * 0.99) - 1] / 1e6,
                        nanos[REQUESTS - 1] / 1e6, failed == 0 ? "" : ", %d not 200".formatted(failed)));
    }

    /** {@code label=path} pairs; by default the gateway this build packaged. */
    private static Map<String, Path> jars() {
        String given = System.getProperty("benchmark.gatewayJars", "");
        if (given.isBlank()) {
            return Map.of("this", Path.of(System.getProperty("kubezap.gatewayJar")));
        }
        Map<String, Path> jars = new java.util.LinkedHashMap<>();
        for (String pair : given.split(",")) {
            String[] labelAndPath = pair.trim().split("=", 2);
            jars.put(labelAndPath[0], Path.of(labelAndPath[1]));
        }
        return jars;
    }

    private int status(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static int freePort() throws java.io.IOException {
        try (var free = new java.net.ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    private static String name(int i) {
        return "bench-%05d".formatted(i);
    }

    private static String mib(long bytes) {
        return "%d MiB".formatted(bytes >> 20);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
    }

    private static void report(int sessions, String label, String measurement, String result) {
        System.out.println("BENCH|gateway-fleet|%d sessions, %s: %s|%s|report".formatted(sessions, label, measurement, result));
    }
}
