package io.kubezap.system;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.kubezap.contract.GatewayKeyCopy;
import io.kubezap.contract.ListPages;
import io.kubezap.system.scale.GatewayFleet;
import io.kubezap.system.scale.KeyedSessionPods;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged gateway starting in front of more sessions than one list page holds: its informers list the sessions
 * and the key copies in pages of {@link ListPages#SIZE} ({@code limit}, then {@code continue}, as a real API server
 * answers: {@link io.kubezap.system.apiserver.IndexedCrudDispatcher}), and hold every one of them — each session is
 * listed through the gateway, and a call to the last session's pod goes out with that session's key from the cache.
 */
class GatewayPagedStartIT {

    private static final int SESSIONS = (int) (2 * ListPages.SIZE + 1);
    private static final String NAMESPACE = "default";
    private static final String ADMIN_KEY = "paged-start-admin-key";
    /** The gateway serves every namespace (no {@code kubezap.gateway.namespaces}): its informer lists cluster-wide. */
    private static final String SESSIONS_PATH = "/apis/kubezap.io/v1alpha1/whatsappsessions";
    private static final String KEY_COPIES_PATH = "/api/v1/namespaces/" + MockCluster.OPERATOR_NAMESPACE + "/secrets";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void listsTheFleetInPagesAndHoldsEverySession() throws Exception {
        Path root = Path.of(System.getProperty("kubezap.repositoryRoot", ".."));
        Path workDir = Files.createDirectories(Path.of("target", "system", "gateway-paged-" + System.currentTimeMillis()).toAbsolutePath());
        try (MockCluster cluster = MockCluster.start(workDir, root.resolve("helm/kubezap/files/crds/whatsappsessions.kubezap.io-v1.yml"));
             KeyedSessionPods pods = new KeyedSessionPods()) {
            var fleet = new GatewayFleet(cluster.client(), NAMESPACE, MockCluster.OPERATOR_NAMESPACE);
            fleet.adminKey(ADMIN_KEY);
            new ForkJoinPool(4).submit(() -> IntStream.range(0, SESSIONS).parallel().forEach(i -> fleet.createConnected(name(i)))).get();
            recorded(cluster);

            int port = freePort();
            int management = freePort();
            Path log = workDir.resolve("gateway.log");
            try (QuarkusProcess gateway = QuarkusProcess.start("gateway", Path.of(System.getProperty("kubezap.gatewayJar")),
                    cluster.kubeconfig(), List.of(), Map.of(
                            "QUARKUS_HTTP_PORT", Integer.toString(port),
                            "QUARKUS_MANAGEMENT_PORT", Integer.toString(management),
                            "KUBEZAP_NAMESPACE", MockCluster.OPERATOR_NAMESPACE,
                            "KUBEZAP_GATEWAY_STREAM_TOKEN_KEY", "paged-start-stream-token-key",
                            "KUBEZAP_GATEWAY_SESSION_URL", pods.baseUrl()), log)) {
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                        .failFast("the gateway exited before it was ready (log: " + log + ")", () -> !gateway.isAlive())
                        .until(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/q/health/ready"))
                                .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
                URI base = URI.create("http://127.0.0.1:" + port);

                assertThat(GatewayFleet.countByPages(http, base, ADMIN_KEY, NAMESPACE, 100))
                        .as("sessions listed through the gateway, of them Connected").containsExactly(SESSIONS, SESSIONS);
                String last = name(SESSIONS - 1);
                HttpResponse<String> proxied = http.send(HttpRequest.newBuilder(base.resolve(
                        "/api/v1/namespaces/%s/sessions/%s/messages?limit=1".formatted(NAMESPACE, last)))
                        .header("X-Api-Key", ADMIN_KEY).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(proxied.statusCode()).as(proxied.body()).isEqualTo(200);
                assertThat(pods.refused()).isZero();

                List<String> requests = recorded(cluster);
                assertPaged(lists(requests, SESSIONS_PATH), "the sessions");
                assertPaged(lists(requests, KEY_COPIES_PATH).stream()
                        .filter(path -> path.contains(URLEncoder.encode(GatewayKeyCopy.LABEL, StandardCharsets.UTF_8))).toList(),
                        "the key copies");
                assertThat(requests).as("the last session's key copy read by name: not in the cache")
                        .noneMatch(path -> path.startsWith(KEY_COPIES_PATH + "/"));
            }
        }
    }

    /** Three pages: the first with the limit, the next two continuing it. */
    private static void assertPaged(List<String> lists, String what) {
        assertThat(lists).as("list requests for " + what).hasSize(3)
                .allMatch(path -> path.contains("limit=" + ListPages.SIZE));
        assertThat(lists.getFirst()).doesNotContain("continue=");
        assertThat(lists.subList(1, 3)).allMatch(path -> path.contains("continue="));
    }

    /** The list requests (not watches, not gets by name) under {@code collection}. */
    private static List<String> lists(List<String> requests, String collection) {
        return requests.stream().filter(path -> path.startsWith(collection + "?") && !path.contains("watch=true")).toList();
    }

    /** The paths of the GET requests the mock API server received since the last call. */
    private static List<String> recorded(MockCluster cluster) throws InterruptedException {
        List<String> paths = new ArrayList<>();
        RecordedRequest request;
        while ((request = cluster.server().takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
            if ("GET".equals(request.getMethod())) {
                paths.add(request.getPath());
            }
        }
        return paths;
    }

    private static int freePort() throws java.io.IOException {
        try (var free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    private static String name(int i) {
        return "paged-%04d".formatted(i);
    }
}
