package io.kubezap.system;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionSpec;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.contract.Account;
import io.kubezap.contract.GatewayKeyCopy;
import io.kubezap.contract.SessionObjectNames;
import io.kubezap.system.scale.ApiRequests;
import io.kubezap.system.scale.GitOpsSessions;
import io.kubezap.system.scale.JvmHeap;
import io.kubezap.system.scale.KeyedSessionPods;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern CONTINUE = Pattern.compile("\"continue\"\\s*:\\s*\"([^\"]+)\"");

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
            adminKey(cluster.client());
            ApiRequests requests = new ApiRequests(cluster.server());
            int created = 0;
            for (int sessions : SESSIONS) {
                long start = System.nanoTime();
                int from = created;
                new ForkJoinPool(8).submit(() -> IntStream.range(from, sessions).parallel()
                        .forEach(i -> createConnected(cluster.client(), name(i)))).get();
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
        long start = System.nanoTime();
        try (QuarkusProcess gateway = QuarkusProcess.start("gateway", jar, cluster.kubeconfig(), JVM_OPTIONS, environment, log)) {
            URI base = URI.create("http://127.0.0.1:" + port);
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> gateway.isAlive()
                            && status(URI.create("http://127.0.0.1:" + management + "/q/health/ready")) == 200);
            String what = label + " gateway";
            report(sessions, label, what + ": started until ready (its informers synced)", "%.1f s".formatted(seconds(System.nanoTime() - start)));
            int[] listed = countByPages(base);
            report(sessions, label, what + ": sessions listed through it (pages of 500), of them Connected",
                    "%d, %d".formatted(listed[0], listed[1]));
            report(sessions, label, what + ": resident memory when ready and listed", mib(JvmHeap.residentBytes(gateway.pid())));

            requests.drain();
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

    /**
     * Every session of the namespace, page by page, as a client lists them: how many the gateway's cache holds, and
     * how many of them it shows Connected.
     */
    private int[] countByPages(URI base) throws Exception {
        int count = 0;
        int connected = 0;
        String token = null;
        do {
            String query = "/api/v1/sessions?namespace=%s&limit=500".formatted(NAMESPACE)
                    + (token == null ? "" : "&continue=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8));
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(base.resolve(query)).header("X-Api-Key", ADMIN_KEY)
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                throw new IllegalStateException("listing answered " + page.statusCode() + ": " + page.body());
            }
            count += page.body().split("\"namespace\"\\s*:").length - 1;
            connected += page.body().split("\"phase\":\"Connected\"").length - 1;
            Matcher next = CONTINUE.matcher(page.body());
            token = next.find() ? next.group(1) : null;
        } while (token != null);
        return new int[] {count, connected};
    }

    /** A session as GitOps applies it, Connected as the operator reports it, and its key's copy as the operator makes it. */
    private static void createConnected(KubernetesClient client, String name) {
        var session = new WhatsAppSession();
        session.getMetadata().setName(name);
        session.getMetadata().setNamespace(NAMESPACE);
        session.getMetadata().setLabels(Map.of("app.kubernetes.io/instance", "sessions"));
        var spec = new WhatsAppSessionSpec();
        spec.setDisplayName("Store " + name);
        session.setSpec(spec);
        GitOpsSessions.annotated(client, session);
        WhatsAppSession stored = retried(() -> createOrGet(client, session));
        stored.getMetadata().setFinalizers(List.of("whatsappsessions.kubezap.io/finalizer"));
        WhatsAppSession finalized = retried(() -> client.resource(stored).update());
        finalized.setStatus(connectedStatus(name));
        retried(() -> client.resource(finalized).updateStatus());
        retried(() -> createOrGet(client, keyCopy(name)));
    }

    private static WhatsAppSessionStatus connectedStatus(String name) {
        var status = new WhatsAppSessionStatus();
        status.setObservedGeneration(1L);
        status.setPhase(SessionPhase.Connected);
        String phone = "55119" + "%08d".formatted(Math.abs(name.hashCode()) % 100_000_000);
        status.setAccount(new Account(phone + "@s.whatsapp.net", phone, "Store " + name));
        status.setEndpoint(SessionObjectNames.baseUrl(NAMESPACE, name));
        status.setApiKeySecret(SessionObjectNames.apiKeySecretName(name));
        status.setLastConnectedAt("2026-11-25T10:00:40Z");
        status.setReconnects(0);
        status.setConditions(List.of(
                condition("Ready", "SessionConnected", "the session is connected to WhatsApp"),
                condition("PodReady", "PodReady", "the session pod is ready"),
                condition("Paired", "Paired", "a phone is linked"),
                condition("Connected", "Connected", "the socket to WhatsApp is open")));
        return status;
    }

    private static io.fabric8.kubernetes.api.model.Condition condition(String type, String reason, String message) {
        return new ConditionBuilder().withType(type).withStatus("True").withReason(reason).withMessage(message)
                .withObservedGeneration(1L).withLastTransitionTime("2026-11-25T10:00:40Z").build();
    }

    private static io.fabric8.kubernetes.api.model.Secret keyCopy(String name) {
        return new SecretBuilder().withNewMetadata()
                .withName(GatewayKeyCopy.name(NAMESPACE, name)).withNamespace(MockCluster.OPERATOR_NAMESPACE)
                .addToLabels(GatewayKeyCopy.LABEL, "true")
                .addToLabels(GatewayKeyCopy.NAMESPACE_LABEL, NAMESPACE)
                .addToLabels(GatewayKeyCopy.SESSION_LABEL, name)
                .addToAnnotations(GatewayKeyCopy.SOURCE_ANNOTATION, NAMESPACE + "/" + SessionObjectNames.apiKeySecretName(name))
                .endMetadata()
                .withType("Opaque")
                .withData(Map.of(SessionObjectNames.API_KEY_SECRET_KEY, base64(KeyedSessionPods.keyOf(name))))
                .build();
    }

    private static void adminKey(KubernetesClient client) {
        client.secrets().inNamespace(MockCluster.OPERATOR_NAMESPACE).resource(new SecretBuilder().withNewMetadata()
                .withName("bench-admin").addToLabels("kubezap.io/gateway-key", "true").endMetadata()
                .withData(Map.of("key", base64(ADMIN_KEY), "role", base64("admin"), "namespaces", base64("*")))
                .build()).create();
    }

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T createOrGet(KubernetesClient client, T object) {
        try {
            return client.resource(object).create();
        } catch (KubernetesClientException failed) {
            if (failed.getCode() == HttpURLConnection.HTTP_CONFLICT) {
                return client.resource(object).get();
            }
            throw failed;
        }
    }

    /** On a loaded machine the mock server may answer after the client's timeout: tried again, a few times. */
    private static <T> T retried(java.util.function.Supplier<T> write) {
        for (int attempt = 1; ; attempt++) {
            try {
                return write.get();
            } catch (KubernetesClientException failed) {
                if (attempt == 5) {
                    throw failed;
                }
            }
        }
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

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
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
