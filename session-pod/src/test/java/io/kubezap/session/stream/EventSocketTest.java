package io.kubezap.session.stream;

import io.kubezap.session.testing.HeldSessions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.testing.Api;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.SimulatedWhatsApp;
import io.kubezap.session.webhook.WebhookTestProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.nio.file.Files;
import io.kubezap.session.host.HostedSessions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** The event stream over a WebSocket, opened with the JDK's client; shares the SSE suite's profile (1 s heartbeat). */
@QuarkusTest
@TestProfile(WebhookTestProfile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class EventSocketTest {

    private static final String MARIA = "5511988887777@s.whatsapp.net";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/api/v1/sessions/loja-01/events/ws")
    URI http;

    @Inject
    SimulatedWhatsApp whatsapp;

    @Inject
    ReplayBudget budget;

    @Inject
    HostedSessions sessions;

    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeEach
    void connected() {
        whatsapp.resetToConnected();
    }

    @Test
    void eventsRecordedAfterConnectArriveAsOneJsonFrameEachFilteredByType() throws Exception {
        String before = receive();
        try (Socket socket = open("?type=message.received", Map.of())) {
            whatsapp.dropConnection();
            whatsapp.reconnect();
            String text = receive();
            JsonNode event = socket.next();
            assertThat(event.get("type").asText()).isEqualTo("message.received");
            assertThat(event.get("id").asLong()).isPositive();
            assertThat(event.get("occurredAt").asText()).isNotBlank();
            assertThat(event.get("payload").toString()).contains(text).doesNotContain(before);
        }
    }

    @Test
    void resumingAfterLastEventIdSendsExactlyTheMissedEventsInOrder() throws Exception {
        long mark;
        try (Socket socket = open("?type=message.received", Map.of())) {
            receive();
            mark = socket.next().get("id").asLong();
        }
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            missed.add(receive());
        }

        try (Socket socket = open("?type=message.received", Map.of("Last-Event-ID", Long.toString(mark)))) {
            long previous = mark;
            for (String text : missed) {
                JsonNode event = socket.next();
                assertThat(event.get("id").asLong()).isGreaterThan(previous);
                assertThat(event.get("payload").toString()).contains(text);
                previous = event.get("id").asLong();
            }
            String live = receive();
            assertThat(socket.next().get("payload").toString()).as("nothing between the missed ones and a new one")
                    .contains(live);
        }
    }

    @Test
    void resumingWithTheQueryParameterWorksAsTheHeaderDoes() throws Exception {
        long mark;
        try (Socket socket = open("?type=message.received", Map.of())) {
            receive();
            mark = socket.next().get("id").asLong();
        }
        String missed = receive();
        try (Socket socket = open("?type=message.received&lastEventId=" + mark, Map.of())) {
            assertThat(socket.next().get("payload").toString()).contains(missed);
        }
    }

    @Test
    void theTypeFilterRepeatsAndTakesCommaSeparatedLists() throws Exception {
        try (Socket socket = open("?type=no.such,session.status&type=message.received", Map.of())) {
            whatsapp.dropConnection();
            JsonNode status = socket.next();
            assertThat(status.get("type").asText()).isEqualTo("session.status");
            whatsapp.reconnect();
            String text = receive();
            JsonNode message;
            do {
                message = socket.next();
                assertThat(message.get("type").asText()).isIn("session.status", "message.received");
            } while (!message.get("type").asText().equals("message.received"));
            assertThat(message.get("payload").toString()).contains(text);
        }
    }

    @Test
    void anIdleSocketIsPinged() throws Exception {
        try (Socket socket = open("?type=no.such", Map.of())) {
            assertThat(socket.pings.poll(10, TimeUnit.SECONDS)).as("a ping within 10 s").isNotNull();
        }
    }

    @Test
    void withoutTheSessionKeyTheUpgradeIsRefusedWith401() {
        assertRefused(Map.of(), "", 401);
        assertRefused(Map.of("X-Api-Key", "wrong-key"), "", 401);
        assertRefused(Map.of("Authorization", "Bearer wrong-key"), "", 401);
    }

    @Test
    void theKeyMayComeAsABearerToken() throws Exception {
        try (Socket socket = open("?type=message.received", Map.of(), "Authorization", "Bearer " + Api.KEY)) {
            String text = receive();
            assertThat(socket.next().get("payload").toString()).contains(text);
        }
    }

    @Test
    void aBadLastEventIdIsRefusedWith400() {
        assertRefused(Map.of("X-Api-Key", Api.KEY, "Last-Event-ID", "abc"), "", 400);
        assertRefused(Map.of("X-Api-Key", Api.KEY), "?lastEventId=abc", 400);
    }

    @Test
    void anotherSessionsNameIsNotFound() throws Exception {
        URI other = URI.create(ws(http).toString().replace("/loja-01/", "/loja-02/"));
        Throwable refused = catchThrowable(() -> client.newWebSocketBuilder().header("X-Api-Key", Api.KEY)
                .buildAsync(other, new Socket()).get(20, TimeUnit.SECONDS));
        assertThat(handshake(refused).statusCode()).isEqualTo(404);
    }

    /** Issue 81: on a JVM holding two sessions, each socket takes its own session's key and not the other's. */
    @Test
    void aSecondHeldSessionsSocketTakesItsOwnKeyOnly() throws Exception {
        String secondKey = "key-of-loja-02-0123456789abcdef";
        sessions.host(HeldSessions.byQr("loja-02", "shop", secondKey, Files.createTempDirectory("loja-02")));
        try {
            URI second = URI.create(ws(http).toString().replace("/loja-01/", "/loja-02/") + "?lastEventId=abc");
            assertThat(handshake(catchThrowable(() -> client.newWebSocketBuilder().header("X-Api-Key", Api.KEY)
                    .buildAsync(second, new Socket()).get(20, TimeUnit.SECONDS))).statusCode()).isEqualTo(401);
            assertThat(handshake(catchThrowable(() -> client.newWebSocketBuilder().header("X-Api-Key", secondKey)
                    .buildAsync(second, new Socket()).get(20, TimeUnit.SECONDS))).statusCode()).isEqualTo(400);
            assertRefused(Map.of("X-Api-Key", secondKey), "?lastEventId=abc", 401);
        } finally {
            sessions.release("loja-02");
        }
    }

    @Test
    void aSocketHoldsAPlaceForOpenStreamsUntilItClosesAndNoneLeftIs503() throws Exception {
        int before = budget.openStreams();
        try (Socket socket = open("?type=no.such", Map.of())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> budget.openStreams() == before + 1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> budget.openStreams() == before);

        int taken = 0;
        try {
            while (budget.open()) {
                taken++;
            }
            assertRefused(Map.of("X-Api-Key", Api.KEY), "", 503);
        } finally {
            for (int i = 0; i < taken; i++) {
                budget.close();
            }
        }
        assertThat(budget.openStreams()).as("a refused upgrade holds no place").isEqualTo(before);
    }

    @Test
    void aPlainGetIsToldToUpgrade() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(http).header("X-Api-Key", Api.KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains("websocket-expected");
    }

    @Test
    void theOpenApiDocumentListsTheSocketBesideTheStream() {
        io.restassured.RestAssured.get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/sessions/{session}/events/ws"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/v1/sessions/{session}/events/stream"));
    }

    private void assertRefused(Map<String, String> headers, String query, int status) {
        WebSocket.Builder builder = client.newWebSocketBuilder();
        headers.forEach(builder::header);
        Throwable refused = catchThrowable(() -> builder.buildAsync(URI.create(ws(http) + query), new Socket())
                .get(20, TimeUnit.SECONDS));
        HttpResponse<?> response = handshake(refused);
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    private static HttpResponse<?> handshake(Throwable refused) {
        assertThat(refused).as("the upgrade was refused").isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) refused.getCause()).getResponse();
    }

    private String receive() {
        String text = "evento " + UUID.randomUUID();
        whatsapp.receive("WA" + UUID.randomUUID().toString().replace("-", ""), MARIA, text);
        return text;
    }

    private Socket open(String query, Map<String, String> headers) throws Exception {
        return open(query, headers, "X-Api-Key", Api.KEY);
    }

    private Socket open(String query, Map<String, String> headers, String keyHeader, String key) throws Exception {
        Socket socket = new Socket();
        WebSocket.Builder builder = client.newWebSocketBuilder().header(keyHeader, key);
        headers.forEach(builder::header);
        socket.ws = builder.buildAsync(URI.create(ws(http) + query), socket).get(20, TimeUnit.SECONDS);
        return socket;
    }

    private static URI ws(URI http) {
        return URI.create(http.toString().replaceFirst("^http", "ws"));
    }

    /** Hands out whole text frames as JSON, and counts pings (the JDK client answers them itself). */
    private static final class Socket implements WebSocket.Listener, AutoCloseable {

        final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        final BlockingQueue<ByteBuffer> pings = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket ws;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (Exception e) {
                    throw new AssertionError("not JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            pings.add(message);
            webSocket.request(1);
            return null;
        }

        JsonNode next() throws InterruptedException {
            JsonNode frame = frames.poll(Duration.ofSeconds(20).toMillis(), TimeUnit.MILLISECONDS);
            assertThat(frame).as("a frame within 20 s").isNotNull();
            return frame;
        }

        @Override
        public void close() {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null).thenRun(ws::abort);
        }
    }
}
