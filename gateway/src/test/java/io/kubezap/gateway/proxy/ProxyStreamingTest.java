package io.kubezap.gateway.proxy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.contract.payload.SignedMediaUrl;
import io.kubezap.gateway.Sessions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/** What the proxy streams: a WebSocket under a session, a large download, open streams up to the caller's limit. */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(StreamingPodStandIn.class)
@TestProfile(ProxyStreamingTest.FewStreams.class)
class ProxyStreamingTest {

    private static final int LIMIT = 3;
    /** More than one caller may hold: only callers together reach it. */
    private static final int REPLICA_LIMIT = LIMIT + 1;
    private static final String FIRST_KEY = "first-callers-key";
    private static final String SECOND_KEY = "second-callers-key";

    public static class FewStreams implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("kubezap.gateway.max-streams-per-caller", Integer.toString(LIMIT),
                    "kubezap.gateway.max-streams", Integer.toString(REPLICA_LIMIT),
                    "kubezap.gateway.pod-request-timeout", "PT2S");
        }
    }

    @Inject
    KubernetesClient client;

    @TestHTTPResource("/")
    URI gateway;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() {
        Sessions sessions = new Sessions(client);
        sessions.actAsAdmin();
        RestAssured.requestSpecification = null;
        if (sessions.get("test", "streamer") == null) {
            sessions.applied("test", "streamer", Map.of());
            sessions.withApiKey("test", "streamer", StreamingPodStandIn.POD_KEY);
        }
        StreamingPodStandIn.RECEIVED.clear();
    }

    @Test
    void theSessionsWebSocketIsReachableThroughTheGateway() throws Exception {
        LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket socket = open(http.newWebSocketBuilder().header("X-Api-Key", Sessions.ADMIN_KEY),
                sessionSocket("streamer", "?since=now"), frames);

        assertThat(frames.poll(10, TimeUnit.SECONDS)).isEqualTo("hello");
        socket.sendText("are you there", true).get(10, TimeUnit.SECONDS);
        assertThat(frames.poll(10, TimeUnit.SECONDS)).isEqualTo("echo:are you there");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);

        assertThat(StreamingPodStandIn.RECEIVED).singleElement().satisfies(received -> assertThat(received)
                .containsExactly("GET", "/api/v1/sessions/streamer/events/ws?since=now", StreamingPodStandIn.POD_KEY, "null"));
    }

    @Test
    void aBrowserOpensTheSessionsWebSocketWithAStreamTokenForThatSocketOnly() throws Exception {
        String token = socketToken("{\"sessionSocket\": \"test/streamer\"}");
        LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket socket = open(http.newWebSocketBuilder(), sessionSocket("streamer", "?since=now&token=" + token), frames);

        assertThat(frames.poll(10, TimeUnit.SECONDS)).isEqualTo("hello");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        assertThat(StreamingPodStandIn.RECEIVED).as("the pod gets its key, never the token").singleElement()
                .satisfies(received -> assertThat(received).containsExactly("GET",
                        "/api/v1/sessions/streamer/events/ws?since=now", StreamingPodStandIn.POD_KEY, "null"));

        assertThat(upgradeStatus("/api/v1/namespaces/test/sessions/streamer/events/ws?token=" + token))
                .as("used once").isEqualTo(401);
        String another = socketToken("{\"sessionSocket\": \"streamer\"}");
        assertThat(upgradeStatus("/api/v1/namespaces/test/sessions/streamer/chats?token=" + another))
                .as("another path of the session").isEqualTo(401);
        given().queryParam("token", another).get("/api/v1/namespaces/test/sessions/streamer/events/ws")
                .then().statusCode(401);
        given().queryParam("token", another).get("/api/v1/events/stream").then().statusCode(401);
        String forEvents = socketToken("{\"session\": [\"test/streamer\"]}");
        assertThat(upgradeStatus("/api/v1/namespaces/test/sessions/streamer/events/ws?token=" + forEvents))
                .as("a token for the gateway's streams").isEqualTo(401);
        assertThat(StreamingPodStandIn.RECEIVED).hasSize(1);
    }

    @Test
    void aSocketTokenIsIssuedOnlyToWhomMayReadTheSession() {
        new Sessions(client).gatewayKey("elsewhere", "elsewhere-key", "admin", "elsewhere", null);
        given().header("X-Api-Key", "elsewhere-key").contentType("application/json")
                .body("{\"sessionSocket\": \"test/streamer\"}").post("/api/v1/tokens").then().statusCode(403);
        given().header("X-Api-Key", Sessions.ADMIN_KEY).contentType("application/json")
                .body("{\"sessionSocket\": \"test/streamer\", \"session\": [\"test/streamer\"]}")
                .post("/api/v1/tokens").then().statusCode(400);
    }

    private String socketToken(String request) {
        return given().header("X-Api-Key", Sessions.ADMIN_KEY).contentType("application/json").body(request)
                .post("/api/v1/tokens").then().statusCode(201).extract().path("token");
    }

    /** A WebSocket whose text frames go to {@code frames}. */
    private static WebSocket open(WebSocket.Builder builder, URI uri, LinkedBlockingQueue<String> frames) throws Exception {
        return builder.buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                frames.add(data.toString());
                webSocket.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
    }

    private URI sessionSocket(String name, String query) {
        return URI.create(gateway.toString().replace("http", "ws") + "api/v1/namespaces/test/sessions/" + name
                + "/events/ws" + query);
    }

    private static int upgradeStatus(String path) {
        return given().header("Connection", "Upgrade").header("Upgrade", "websocket")
                .header("Sec-WebSocket-Version", "13").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .get(path).then().extract().statusCode();
    }

    @Test
    void aWebSocketNeedsTheRightToReadWhatTheSessionHolds() {
        given().header("Connection", "Upgrade").header("Upgrade", "websocket")
                .get("/api/v1/namespaces/test/sessions/streamer/events/ws").then().statusCode(401);
        assertThat(StreamingPodStandIn.RECEIVED).isEmpty();
    }

    @Test
    void aLargeDownloadIsStreamedNotHeld() throws Exception {
        StreamingPodStandIn.firstChunkArrived = new CompletableFuture<>();
        HttpResponse<InputStream> response = http.send(get("api/v1/namespaces/test/sessions/streamer/media/big"),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        long read = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream body = response.body()) {
            // the pod sends the rest only once the first chunk arrived here: a proxy that held the body would wait forever
            while (read < StreamingPodStandIn.CHUNK) {
                read += body.read(buffer);
            }
            StreamingPodStandIn.firstChunkArrived.complete(null);
            for (int n; (n = body.read(buffer)) >= 0; ) {
                read += n;
            }
        }
        assertThat(read).isEqualTo((long) StreamingPodStandIn.CHUNK * StreamingPodStandIn.CHUNKS);
    }

    @Test
    void aCallerHasAtMostItsLimitOfStreamsOpen() throws Exception {
        List<InputStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < LIMIT; i++) {
                HttpResponse<InputStream> stream = http.send(get("api/v1/sessions/streamer/events"),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertThat(stream.statusCode()).isEqualTo(200);
                open.add(stream.body());
            }
            given().header("X-Api-Key", Sessions.ADMIN_KEY).get("/api/v1/sessions/streamer/events")
                    .then().statusCode(429).header("Retry-After", "1")
                    .body("type", equalTo("https://kubezap.io/problems/too-many-streams"));

            open.removeFirst().close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            int status;
            do {
                status = http.send(get("api/v1/sessions/streamer/events"), HttpResponse.BodyHandlers.ofInputStream())
                        .statusCode();
            } while (status == 429 && System.nanoTime() < deadline);
            assertThat(status).as("a closed stream frees its slot").isEqualTo(200);
        } finally {
            for (InputStream stream : open) {
                stream.close();
            }
        }
    }

    /** Issue 68 item 6: a signed media link names no caller, yet its downloads are held to the same limit. */
    @Test
    void downloadsThroughSignedMediaLinksCountAgainstTheLimit() throws Exception {
        List<InputStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < LIMIT; i++) {
                HttpResponse<InputStream> download = http.send(mediaLink("m-" + i), HttpResponse.BodyHandlers.ofInputStream());
                assertThat(download.statusCode()).isEqualTo(200);
                open.add(download.body());
            }
            HttpResponse<InputStream> refused = http.send(mediaLink("m-" + LIMIT), HttpResponse.BodyHandlers.ofInputStream());
            open.add(refused.body()); // an admitted download would never end
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(new String(refused.body().readAllBytes())).contains("https://kubezap.io/problems/too-many-streams");
        } finally {
            for (InputStream stream : open) {
                stream.close();
            }
        }
    }

    private HttpRequest mediaLink(String messageId) {
        String link = SignedMediaUrl.query(StreamingPodStandIn.POD_KEY, "test", "streamer", messageId,
                Instant.now().plusSeconds(60));
        return HttpRequest.newBuilder(gateway.resolve("api/v1/namespaces/test/sessions/streamer/messages/" + messageId
                + "/media?" + link)).build();
    }

    /**
     * Two callers open streams by turns, each below its own limit, until the replica refuses one: its limit counts
     * every caller's streams (also any an earlier test's closed stream still holds, so the count is at most it).
     */
    @Test
    void manyCallersTogetherHoldAtMostTheReplicasLimitOfStreams() throws Exception {
        Sessions sessions = new Sessions(client);
        sessions.gatewayKey("first-caller", FIRST_KEY, "admin", "*", null);
        sessions.gatewayKey("second-caller", SECOND_KEY, "admin", "*", null);
        List<InputStream> open = new ArrayList<>();
        try {
            HttpResponse<InputStream> refused = null;
            for (int i = 0; i <= REPLICA_LIMIT && refused == null; i++) {
                HttpResponse<InputStream> stream = http.send(get("api/v1/sessions/streamer/events",
                        i % 2 == 0 ? FIRST_KEY : SECOND_KEY), HttpResponse.BodyHandlers.ofInputStream());
                if (stream.statusCode() == 200) {
                    open.add(stream.body());
                } else {
                    refused = stream;
                }
            }
            assertThat(open).isNotEmpty().hasSizeLessThanOrEqualTo(REPLICA_LIMIT);
            assertThat(refused).isNotNull();
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(new String(refused.body().readAllBytes())).contains("https://kubezap.io/problems/gateway-busy");

            open.removeFirst().close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            HttpResponse<InputStream> again;
            do {
                again = http.send(get("api/v1/sessions/streamer/events", SECOND_KEY), HttpResponse.BodyHandlers.ofInputStream());
                if (again.statusCode() != 200) {
                    again.body().close();
                }
            } while (again.statusCode() != 200 && System.nanoTime() < deadline);
            assertThat(again.statusCode()).as("a closed stream frees its place on the replica").isEqualTo(200);
            open.add(again.body());
        } finally {
            for (InputStream stream : open) {
                stream.close();
            }
        }
    }

    @Test
    void aPodThatDoesNotAnswerInTimeIsATimeout() {
        given().header("X-Api-Key", Sessions.ADMIN_KEY).get("/api/v1/sessions/streamer/slow")
                .then().statusCode(504).contentType("application/problem+json")
                .body("type", equalTo("https://kubezap.io/problems/session-timeout"));
    }

    private HttpRequest get(String path) {
        return get(path, Sessions.ADMIN_KEY);
    }

    private HttpRequest get(String path, String key) {
        return HttpRequest.newBuilder(gateway.resolve(path)).header("X-Api-Key", key).build();
    }
}
