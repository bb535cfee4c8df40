package io.kubezap.session.api;

import io.kubezap.session.engine.EngineEvent.PresenceState;
import io.kubezap.session.engine.OutgoingText;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.SimulatedWhatsApp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;

import static io.kubezap.session.testing.Api.SESSION;
import static io.kubezap.session.testing.Api.authorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;

/** {@code POST /messages}' ways of sending like a person, against the engine stand-in: bounds, metadata, forwards, typing. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class SendLikeAPersonApiTest {

    private static final String MARIA = "5511988887777@s.whatsapp.net";

    @Inject
    SimulatedWhatsApp whatsapp;

    @BeforeEach
    void connectedWithNoHistory() {
        whatsapp.resetToConnected();
        authorized().delete(SESSION + "/messages").then().statusCode(200);
    }

    @Test
    void absurdDelaysMetadataAndMisplacedOptionsAreRefusedAndStoreNothing() {
        refused("{\"to\":\"5511988887777\",\"text\":\"oi\",\"delayMs\":30001}", "delayMs");
        refused("{\"to\":\"5511988887777\",\"text\":\"oi\",\"delayMs\":-1}", "delayMs");
        refused("{\"to\":\"5511988887777\",\"text\":\"oi\",\"typing\":true}", "typing");
        refused("{\"to\":\"5511988887777\",\"text\":\"oi\",\"metadata\":{\"pedido\":42}}", "metadata.pedido");
        refused("{\"to\":\"5511988887777\",\"text\":\"oi\",\"metadata\":{\"k\":\"" + "x".repeat(1025) + "\"}}", "metadata.k");
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 17; i++) {
            many.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        refused("{\"to\":\"5511988887777\",\"text\":\"oi\",\"metadata\":" + many + "}}", "metadata");
        refused("{\"to\":\"5511988887777\",\"text\":\"oi\",\"viewOnce\":true}", "viewOnce");
        refused("{\"to\":\"5511988887777\",\"text\":\"oi\",\"mentionAll\":true}", "mentionAll");
        refused("{\"to\":\"5511988887777\",\"text\":\"sem link\",\"linkPreview\":true}", "linkPreview");
        refused("{\"to\":\"5511988887777\",\"text\":\"veja https://a.example/x\",\"preview\":{\"url\":\"https://b.example/\"}}",
                "preview.url");
        refused("{\"to\":\"5511988887777\",\"text\":\"veja https://a.example/x\",\"preview\":{\"url\":\"https://a.example/x\","
                + "\"thumbnail\":\"" + Base64.getEncoder().encodeToString(new byte[64 * 1024 + 1]) + "\"}}", "preview.thumbnail");
        authorized().get(SESSION + "/messages").then().body("items.size()", equalTo(0));
        assertThat(whatsapp.delivered()).isEmpty();
    }

    @Test
    void metadataIsStoredShownAndEchoedInTheSentEvent() {
        String id = send("{\"to\":\"5511988887777\",\"text\":\"Pedido 7\",\"metadata\":{\"orderId\":\"7\",\"crm\":\"abc\"}}")
                .then().statusCode(202).body("metadata.orderId", equalTo("7")).extract().path("id");
        await().untilAsserted(() -> authorized().get(SESSION + "/messages/" + id).then()
                .body("status", equalTo("sent")).body("metadata.crm", equalTo("abc")));
        authorized().queryParam("type", "message.sent").get(SESSION + "/events").then()
                .body("items[0].payload.id", equalTo(id)).body("items[0].payload.metadata.orderId", equalTo("7"));
        authorized().get(SESSION + "/messages").then().body("items[0].metadata.orderId", equalTo("7"));
    }

    @Test
    void aDelayedTypedSendShowsComposingForTheDelayThenSends() {
        send("{\"to\":\"5511988887777\",\"text\":\"digitando...\",\"delayMs\":1200}").then().statusCode(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> whatsapp.delivered().size() == 1);
        var states = whatsapp.chatStates();
        assertThat(states).extracting(SimulatedWhatsApp.ChatState::state).containsExactly(PresenceState.COMPOSING, PresenceState.PAUSED);
        assertThat(states.getFirst().chatJid()).isEqualTo(MARIA);
        assertThat(Duration.between(states.getFirst().at(), whatsapp.delivered().getFirst().at()))
                .as("the text goes out no sooner than the delay after typing began").isGreaterThanOrEqualTo(Duration.ofMillis(1200));
    }

    @Test
    void aForwardSendsTheContentAgainMarkedForwarded() {
        whatsapp.receive("WAID-FWD-1", MARIA, "Promoção de sexta");
        String incoming = await().until(() -> authorized().get(SESSION + "/messages?direction=in").then()
                .extract().<String>path("items[0].id"), id -> id != null);
        String copy = authorized().body("{\"to\":\"5511977776666\",\"metadata\":{\"campaign\":\"sexta\"}}")
                .post(SESSION + "/messages/" + incoming + "/forward").then().statusCode(202)
                .body("chat", equalTo("5511977776666@s.whatsapp.net")).body("text", equalTo("Promoção de sexta"))
                .body("forwarded", equalTo(true)).body("forwardingScore", equalTo(1))
                .body("metadata.campaign", equalTo("sexta")).extract().path("id");
        await().until(() -> whatsapp.delivered().size() == 1);
        OutgoingText sent = whatsapp.delivered().getFirst().text();
        assertThat(sent.text()).isEqualTo("Promoção de sexta");
        assertThat(sent.traits().forwarded()).isTrue();
        authorized().get(SESSION + "/messages/" + copy).then().body("forwarded", equalTo(true));
        authorized().body("{\"to\":\"5511977776666\"}").post(SESSION + "/messages/nope/forward").then().statusCode(404);
        authorized().body("{\"to\":\"12\"}").post(SESSION + "/messages/" + incoming + "/forward").then().statusCode(400)
                .body("errors.field", hasItem("to"));
    }

    @Test
    void aPreviewIsNeverMadeFromAPrivateAddress() throws Exception {
        var asked = new java.util.concurrent.atomic.AtomicInteger();
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            asked.incrementAndGet();
            byte[] page = "<meta property=\"og:title\" content=\"interno\">".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, page.length);
            try (var out = exchange.getResponseBody()) {
                out.write(page);
            }
        });
        server.start();
        try {
            String link = "http://127.0.0.1:" + server.getAddress().getPort() + "/admin";
            String id = send("{\"to\":\"5511988887777\",\"text\":\"veja " + link + "\",\"linkPreview\":true}")
                    .then().statusCode(202).extract().path("id");
            await().until(() -> whatsapp.delivered().size() == 1);
            assertThat(whatsapp.delivered().getFirst().text().traits().linkPreview()).isNull();
            authorized().get(SESSION + "/messages/" + id).then().body("linkPreview", org.hamcrest.Matchers.nullValue());
            assertThat(asked).as("the loopback page was never requested").hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    private static void refused(String body, String field) {
        send(body).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://kubezap.io/problems/validation-failed"))
                .body("errors.field", hasItems(field));
    }

    private static Response send(String body) {
        return authorized().body(body).post(SESSION + "/messages");
    }
}
