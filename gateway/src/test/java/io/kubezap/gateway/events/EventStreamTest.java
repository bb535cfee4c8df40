package io.kubezap.gateway.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.gateway.GatewayDatabase;
import io.kubezap.gateway.ServiceAccountReviews;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.gateway.Sessions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The live feed of every session's events (SSE and WebSocket), fed by the database the session pods write: rows go in
 * as a pod writes them, the gateway hears of them through LISTEN/NOTIFY.
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStandIn.class)
@WithTestResource(GatewayDatabase.class)
class EventStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(700);

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    KubernetesServer server;

    @TestHTTPResource("/api/v1/events/stream")
    URI stream;

    @TestHTTPResource("/api/v1/events/ws")
    URI socket;

    @BeforeEach
    void keys() {
        Sessions sessions = new Sessions(client);
        sessions.actAsAdmin();
        sessions.gatewayKey("shop-reader", "shop-key", "send-only", "shop", null);
    }

    private static Map<String, String> key(String key) {
        return Map.of("X-Api-Key", key);
    }

    @Test
    void everySessionsEventsArriveLiveWithWhoseTheyAre() throws Exception {
        try (StreamClient client = StreamClient.sse(stream, key(Sessions.ADMIN_KEY))) {
            assertThat(client.status()).isEqualTo(200);
            long first = GatewayDatabase.event("shop", "loja-01", "message.received", "{\"text\":\"oi\"}");
            long second = GatewayDatabase.event("sales", "vendas", "session.status", "{\"phase\":\"Connected\"}");

            List<StreamClient.Received> events = client.next(2, WAIT);

            assertThat(events).extracting(StreamClient.Received::id).containsExactly(Long.toString(first), Long.toString(second));
            assertThat(events.get(0).name()).isEqualTo("message.received");
            assertThat(events.get(0).data().path("namespace").asText()).isEqualTo("shop");
            assertThat(events.get(0).data().path("session").asText()).isEqualTo("loja-01");
            assertThat(events.get(0).data().path("payload").path("text").asText()).isEqualTo("oi");
            assertThat(events.get(1).data().path("payload").path("phase").asText()).isEqualTo("Connected");
        }
    }

    @Test
    void filtersBySessionAndType() throws Exception {
        URI filtered = URI.create(stream + "?session=shop/loja-01&type=message.received");
        try (StreamClient client = StreamClient.sse(filtered, key(Sessions.ADMIN_KEY))) {
            GatewayDatabase.event("shop", "loja-01", "session.status", "{}");
            GatewayDatabase.event("shop", "loja-02", "message.received", "{}");
            long wanted = GatewayDatabase.event("shop", "loja-01", "message.received", "{}");

            assertThat(client.next(WAIT).id()).isEqualTo(Long.toString(wanted));
            assertThat(client.next(QUIET)).isNull();
        }
    }

    @Test
    void resumesAfterTheLastEventItSaw() throws Exception {
        long seen = GatewayDatabase.event("shop", "resume", "message.received", "{\"n\":1}");
        long missed1 = GatewayDatabase.event("shop", "resume", "message.received", "{\"n\":2}");
        long missed2 = GatewayDatabase.event("shop", "resume", "message.sent", "{\"n\":3}");
        Map<String, String> headers = Map.of("X-Api-Key", Sessions.ADMIN_KEY, "Last-Event-ID", Long.toString(seen));
        try (StreamClient client = StreamClient.sse(URI.create(stream + "?session=shop/resume"), headers)) {
            long live = GatewayDatabase.event("shop", "resume", "message.received", "{\"n\":4}");

            assertThat(client.next(3, WAIT)).extracting(StreamClient.Received::id)
                    .containsExactly(Long.toString(missed1), Long.toString(missed2), Long.toString(live));
            assertThat(client.next(QUIET)).isNull();
        }
        assertThat(StreamClient.status(URI.create(stream + "?lastEventId=yesterday"), key(Sessions.ADMIN_KEY)))
                .isEqualTo(400);
    }

    @Test
    void aNamespaceScopedKeySeesItsNamespaceOnly() throws Exception {
        try (StreamClient client = StreamClient.sse(stream, key("shop-key"))) {
            GatewayDatabase.event("sales", "vendas", "message.received", "{}");
            long own = GatewayDatabase.event("shop", "loja-01", "message.received", "{}");

            assertThat(client.next(WAIT).id()).isEqualTo(Long.toString(own));
            assertThat(client.next(QUIET)).isNull();
        }
        assertThat(StreamClient.status(URI.create(stream + "?namespace=sales"), key("shop-key"))).isEqualTo(403);
    }

    @Test
    void aBrowserOpensOneStreamWithAShortLivedToken() throws Exception {
        String token = given().contentType("application/json").body("{\"session\": [\"shop/loja-01\"]}")
                .post("/api/v1/tokens")
                .then().statusCode(201).extract().path("token");
        URI withToken = URI.create(stream + "?token=" + token);
        try (StreamClient client = StreamClient.sse(withToken, Map.of())) {
            assertThat(client.status()).isEqualTo(200);
            GatewayDatabase.event("shop", "loja-02", "message.received", "{}");
            long own = GatewayDatabase.event("shop", "loja-01", "message.received", "{}");
            assertThat(client.next(WAIT).id()).isEqualTo(Long.toString(own));
        }
        // once only, only for a stream, and not forged
        try (StreamClient again = StreamClient.sse(withToken, Map.of())) {
            assertThat(again.status()).isEqualTo(401);
        }
        String another = given().contentType("application/json").body("{}").post("/api/v1/tokens").path("token");
        assertThat(StreamClient.status(URI.create(stream.resolve("/api/v1/sessions") + "?token=" + another), Map.of()))
                .isEqualTo(401);
        String forged = another.substring(0, another.indexOf('.')) + ".AAAA" + another.substring(another.indexOf('.') + 5);
        try (StreamClient withForged = StreamClient.sse(URI.create(stream + "?token=" + forged), Map.of())) {
            assertThat(withForged.status()).isEqualTo(401);
        }
        RestAssured.requestSpecification = null;
        given().header("X-Api-Key", "shop-key").contentType("application/json").body("{\"namespace\": [\"sales\"]}")
                .post("/api/v1/tokens").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void eventsRecordedWhileTheFeedReconnectsStillArrive() throws Exception {
        try (StreamClient client = StreamClient.sse(URI.create(stream + "?session=shop/lost"), key(Sessions.ADMIN_KEY))) {
            try (var admin = GatewayDatabase.admin(); var statement = admin.createStatement()) {
                statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where application_name = '"
                        + io.kubezap.gateway.database.Database.LISTENER_NAME + "'");
            }
            long meanwhile = GatewayDatabase.event("shop", "lost", "message.received", "{}");

            assertThat(client.next(WAIT).id()).isEqualTo(Long.toString(meanwhile));
            long after = GatewayDatabase.event("shop", "lost", "message.received", "{}");
            assertThat(client.next(WAIT).id()).isEqualTo(Long.toString(after));
            assertThat(client.next(QUIET)).isNull();
        }
    }

    @Test
    void aServiceAccountWatchesTheNamespacesItMayList() throws Exception {
        ServiceAccountReviews.answerOn(server);
        Map<String, String> serviceAccount = Map.of("Authorization", "Bearer " + ServiceAccountReviews.SA_TOKEN);
        // no filter: its own namespace, where its Role lets it list sessions
        try (StreamClient client = StreamClient.sse(stream, serviceAccount)) {
            assertThat(client.status()).isEqualTo(200);
            GatewayDatabase.event("back-office", "three", "message.received", "{}");
            long own = GatewayDatabase.event("shop", "sa-visible", "message.received", "{}");
            assertThat(client.next(WAIT).id()).isEqualTo(Long.toString(own));
            assertThat(client.next(QUIET)).isNull();
        }
        assertThat(StreamClient.status(URI.create(stream + "?namespace=back-office"), serviceAccount)).isEqualTo(403);
        RestAssured.requestSpecification = null;
        given().header("Authorization", "Bearer " + ServiceAccountReviews.SA_TOKEN).get("/api/v1/stats")
                .then().statusCode(200);
        given().header("Authorization", "Bearer " + ServiceAccountReviews.SA_TOKEN).queryParam("namespace", "back-office")
                .get("/api/v1/stats").then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void theWebSocketCarriesTheSameFeed() throws Exception {
        try (StreamClient client = StreamClient.webSocket(URI.create(ws(socket) + "?type=message.received"),
                key(Sessions.ADMIN_KEY))) {
            GatewayDatabase.event("shop", "loja-01", "session.status", "{}");
            long wanted = GatewayDatabase.event("shop", "loja-01", "message.received", "{\"text\":\"ws\"}");

            StreamClient.Received event = client.next(WAIT);
            assertThat(event.id()).isEqualTo(Long.toString(wanted));
            assertThat(event.data().path("payload").path("text").asText()).isEqualTo("ws");
            assertThat(client.next(QUIET)).isNull();
        }
        String token = given().contentType("application/json").body("{}").post("/api/v1/tokens").path("token");
        try (StreamClient client = StreamClient.webSocket(URI.create(ws(socket) + "?token=" + token), Map.of())) {
            long wanted = GatewayDatabase.event("shop", "loja-03", "message.received", "{}");
            assertThat(client.next(WAIT).id()).isEqualTo(Long.toString(wanted));
        }
    }

    /**
     * {@code spec.events.payload.raw}: the pod puts WhatsApp's own message under {@code _data} in the incoming message's
     * event (here as the Baileys bridge writes it: protobuf JSON, bytes base64, longs as strings), and both streams pass
     * it on whole, through a filter that reads the payload too.
     */
    @Test
    void theRawMessageRidesAlongInBothStreamsWhenTheSessionAsksForIt() throws Exception {
        String raw = """
                {"key":{"remoteJid":"5511988880056@s.whatsapp.net","fromMe":false,"id":"3EB0A1B2C3D4E5F6"},
                 "message":{"extendedTextMessage":{"text":"Olá, café ☕","contextInfo":{"expiration":604800,
                   "ephemeralSettingTimestamp":"1764100000"}},"messageContextInfo":{"messageSecret":"q83vEjRWeJCrze8SNFZ4kA=="}},
                 "messageTimestamp":"1764100123","pushName":"Cliente","broadcast":false,"unknownField9999":[1,{"deep":null}]}""";
        String payload = """
                {"id":"1f0e","waMessageId":"3EB0A1B2C3D4E5F6","chat":"5511988880056@s.whatsapp.net",
                 "from":"5511988880056@s.whatsapp.net","direction":"in","fromMe":false,"text":"Olá, café ☕","_data":%s}"""
                .formatted(raw);
        URI filtered = URI.create(stream + "?session=shop/raw-56&type=message.received&chats=direct&direction=incoming");
        try (StreamClient sse = StreamClient.sse(filtered, key(Sessions.ADMIN_KEY));
             StreamClient ws = StreamClient.webSocket(URI.create(ws(socket) + "?session=shop/raw-56&chats=direct&fromMe=false"),
                     key(Sessions.ADMIN_KEY))) {
            long id = GatewayDatabase.event("shop", "raw-56", "message.received", payload);

            for (StreamClient client : List.of(sse, ws)) {
                StreamClient.Received event = client.next(WAIT);
                assertThat(event.id()).isEqualTo(Long.toString(id));
                assertThat(event.data().path("payload").path("_data")).isEqualTo(JSON.readTree(raw));
                assertThat(event.data().path("payload").path("text").asText()).isEqualTo("Olá, café ☕");
            }
        }
    }

    @Test
    void aWebSocketWithoutCredentialsIsRefusedBeforeTheUpgrade() {
        Throwable refused = catchThrowable(() -> StreamClient.webSocket(ws(socket), Map.of()));
        assertThat(refused).isInstanceOf(CompletionException.class).hasCauseInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode()).isEqualTo(401);

        Throwable forbidden = catchThrowable(() -> StreamClient.webSocket(URI.create(ws(socket) + "?namespace=sales"),
                key("shop-key")));
        assertThat(((WebSocketHandshakeException) forbidden.getCause()).getResponse().statusCode()).isEqualTo(403);
    }

    private static URI ws(URI http) {
        return URI.create(http.toString().replaceFirst("^http", "ws"));
    }
}
