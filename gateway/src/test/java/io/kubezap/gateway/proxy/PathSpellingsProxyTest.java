package io.kubezap.gateway.proxy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.contract.SessionPath;
import io.kubezap.contract.testing.PathSpellings;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.gateway.Sessions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 79 S2: a key without {@code manage} read the QR and the pairing code through {@code …/sessions/{name}/;x}: the
 * gateway dropped empty segments before it stripped {@code ;params}, judged the path a plain read and forwarded it,
 * and the pod answered the session's root, whose state holds both. Now the gateway reads the path once by the pod's
 * rule (contract {@link SessionPath}), judges the call by that reading and forwards it in its plain spelling, which
 * is all the pod serves (session-pod {@code PathSpellingsTest}). Each spelling goes on the wire as written.
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStandIn.class)
class PathSpellingsProxyTest {

    private static final String SEND_KEY = "spellings-send-key";
    private static final String MANAGE_KEY = "spellings-manage-key";
    private static final String SESSION = "/api/v1/namespaces/shop/sessions/two/";
    /** What the pod serves for the session's root; the gateway forwards the plain spelling, never the caller's. */
    private static final String POD_SESSION = "/api/v1/sessions/two";
    /** The reads that show a code linking a phone, by the path's first segment: they take manage. */
    private static final Set<String> LINKING_READS = Set.of("", "qr", "pairing-code", "pairing");

    private final HttpClient http = HttpClient.newHttpClient();

    @TestHTTPResource("/")
    URI base;

    @Inject
    KubernetesClient client;

    @BeforeEach
    void setUp() {
        Sessions sessions = new Sessions(client);
        sessions.gatewayKey("spellings-send", SEND_KEY, "send", "shop", null);
        sessions.gatewayKey("spellings-manage", MANAGE_KEY, "manage", "shop", null);
        sessions.appliedOnce("shop", "two", SessionPodStandIn.POD_KEY);
        SessionPodStandIn.RECEIVED.clear();
    }

    @Test
    void noSpellingOfTheSessionsRootReachesThePodForAKeyWithoutManage() throws Exception {
        for (String spelling : PathSpellings.ROOT) {
            HttpResponse<String> answer = get(SESSION + spelling, SEND_KEY);
            assertThat(answer.statusCode()).as("%s answered %s", spelling, answer.body()).isEqualTo(403);
        }
        assertThat(SessionPodStandIn.RECEIVED).as("what reached the pod").isEmpty();
    }

    @Test
    void aManageKeyReachesTheRootInItsPlainSpelling() throws Exception {
        get(SESSION + ";x", MANAGE_KEY);
        get(SESSION + "x/..", MANAGE_KEY);

        assertThat(SessionPodStandIn.RECEIVED).extracting(SessionPodStandIn.Received::uri)
                .containsExactly(POD_SESSION, POD_SESSION);
    }

    /** Generated spellings: each is refused, or judged and forwarded by its one reading, which the pod routes alike. */
    @Test
    void everySpellingIsJudgedAndForwardedByItsOneReading() throws Exception {
        int forwarded = 0;
        for (String spelling : PathSpellings.generated(79, 400)) {
            SessionPodStandIn.RECEIVED.clear();
            HttpResponse<String> answer = get(SESSION + spelling, SEND_KEY);
            SessionPath read;
            try {
                read = SessionPath.of(spelling);
            } catch (SessionPath.Refused ambiguous) {
                assertThat(answer.statusCode()).as("%s answered %s", spelling, answer.body()).isEqualTo(400);
                assertThat(answer.body()).as(spelling).contains("ambiguous-path");
                assertThat(SessionPodStandIn.RECEIVED).as(spelling).isEmpty();
                continue;
            }
            if (LINKING_READS.contains(read.first())) {
                assertThat(answer.statusCode()).as("%s answered %s", spelling, answer.body()).isEqualTo(403);
                assertThat(SessionPodStandIn.RECEIVED).as(spelling).isEmpty();
                continue;
            }
            assertThat(SessionPodStandIn.RECEIVED).as(spelling).extracting(SessionPodStandIn.Received::uri)
                    .containsExactly(POD_SESSION + "/" + read.encoded());
            forwarded++;
        }
        assertThat(forwarded).as("spellings forwarded").isGreaterThan(50);
    }

    /** Paths that name a session only once Vert.x has resolved them: the proxy reads them as sent, and refuses them. */
    @Test
    void aPathThatIsASessionsOnlyOnceResolvedReachesNoPod() throws Exception {
        for (String path : List.of("/api/v1/namespaces/shop/x/../sessions/two/qr", "/api/v1/namespaces/shop/sessions/x/../two/qr",
                "/api/v1/namespaces/shop/sessions/two/x/../../two/qr", "/api/v1/namespaces/shop/sessions/two;x/qr",
                "/api/v1/namespaces/shop/sessions/%2e%2e/sessions/two/qr")) {
            HttpResponse<String> answer = get(path, SEND_KEY);
            assertThat(answer.statusCode()).as("%s answered %s", path, answer.body()).isBetween(400, 404);
        }
        assertThat(SessionPodStandIn.RECEIVED).as("what reached the pod").isEmpty();
    }

    private HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + base.getHost() + ":" + base.getPort() + path);
        return http.send(HttpRequest.newBuilder(uri).header("X-Api-Key", key).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
