package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.kubezap.session.testing.PodProcess;
import io.kubezap.session.testing.SampleFiles;
import io.kubezap.session.webhook.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static io.kubezap.session.e2e.PodAgainstSimulator.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sending like a person and link previews (issue 38 items 5 and 4), between the packaged pod and simulated phones:
 * typing shown for the delay before a text, the caller's metadata echoed, forwards marked forwarded, view-once media
 * both ways, mention-all in a group, and link previews given by the caller, made from a local page, and sent by a phone.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SendLikeAPersonIT {

    private static final String OWNER = "5511999990038";
    private static final String CUSTOMER = "5511988880038";
    private static final String FRIEND = "5511977770038";
    private static final String OWNER_JID = OWNER + "@s.whatsapp.net";
    private static final String CUSTOMER_JID = CUSTOMER + "@s.whatsapp.net";
    private static final String FRIEND_JID = FRIEND + "@s.whatsapp.net";

    @Parameter
    EngineKind engine;

    private Path workDir;

    private PodAgainstSimulator world;
    private WebhookReceiver webhooks;
    private HttpServer site;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        workDir = Files.createTempDirectory(Path.of("target"), "send-like-a-person-it-" + engine + "-");
        webhooks = new WebhookReceiver(PodProcess.freePort());
        site = pageWithOpenGraphTags();
        Path endpoints = Files.writeString(workDir.resolve("webhooks.json"), "[{\"url\": \"http://127.0.0.1:" + webhooks.port()
                + "/hook\", \"events\": [\"message.sent\", \"message.status\", \"message.received\"]}]");
        // the receiver and the page: loopback, allowed as an in-cluster host would be by the operator's allow-list
        world = PodAgainstSimulator.create(workDir, "pessoa-38", BaileysBridge.environment(engine, Map.of("KUBEZAP_WEBHOOKS_FILE", endpoints.toString(),
                "KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.1")));
        world.createPhone(FRIEND, "Amiga");
        world.startLinked(OWNER, CUSTOMER);
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (site != null) {
            site.stop(0);
        }
        try (var closing = webhooks) {
            if (world != null) {
                world.close();
            }
        }
    }

    /** The typing the phone saw before a test, so that a test can tell its own. */
    private java.util.Set<Object> seenBefore = java.util.Set.of();

    @org.junit.jupiter.api.BeforeEach
    void rememberTheTypingSeenSoFar() {
        seenBefore = world.control().get("/api/phones/" + CUSTOMER + "/presence").jsonPath().<Map<String, Object>>getList("chatStateLog")
                .stream().map(seen -> seen.get("at")).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void aTypedTextShowsComposingForItsDelayAndCarriesItsMetadata() {
        int delayMs = 2_000;
        String id = accepted(Map.of("to", CUSTOMER, "text", "Já te respondo", "delayMs", delayMs,
                "metadata", Map.of("ticket", "T-38", "agent", "ana")));
        String waId = world.awaitSent(id);
        Map<String, Object> atPhone = world.awaitAtPhone(CUSTOMER, waId);

        Map<String, Object> composing = world.control().get("/api/phones/" + CUSTOMER + "/presence").jsonPath()
                .<Map<String, Object>>getList("chatStateLog").stream()
                .filter(seen -> OWNER_JID.equals(seen.get("from")) && "composing".equals(seen.get("state"))
                        && !seenBefore.contains(seen.get("at"))).findFirst()
                .orElseThrow(() -> new AssertionError("the phone never saw the session typing"));
        Instant typingSeen = Instant.parse((String) composing.get("at"));
        Instant textSeen = Instant.parse((String) atPhone.get("receivedAt"));
        assertThat(Duration.between(typingSeen, textSeen))
                .as("the text comes after the typing, the delay later").isGreaterThanOrEqualTo(Duration.ofMillis(delayMs - 100));

        world.api().get("/messages/" + id).then().statusCode(200).body("metadata.ticket", org.hamcrest.Matchers.equalTo("T-38"));
        assertThat(world.api().queryParam("chat", CUSTOMER).get("/messages").jsonPath().<Map<String, Object>>getList("items")
                .stream().filter(m -> id.equals(m.get("id"))).findFirst().orElseThrow().get("metadata"))
                .isEqualTo(Map.of("ticket", "T-38", "agent", "ana"));
        assertThat(awaitWebhook("message.sent", id).path("data").path("metadata").path("agent").asText()).isEqualTo("ana");
        world.control().body(Map.of("messageId", waId, "type", "read")).post("/api/phones/" + CUSTOMER + "/receipts").then().statusCode(202);
        assertThat(awaitWebhook("message.status", id).path("data").path("metadata").path("ticket").asText()).isEqualTo("T-38");
    }

    @Test
    void aPodKilledWhileTypingSendsTheMessageOnceAfterItsRestart() throws Exception {
        String text = "Pedido enviado, obrigado!";
        String id = accepted(Map.of("to", CUSTOMER, "text", text, "delayMs", 8_000));
        await().atMost(PATIENCE).until(() -> world.control().get("/api/phones/" + CUSTOMER + "/presence").jsonPath()
                .<Map<String, Object>>getList("chatStateLog").stream().anyMatch(seen -> OWNER_JID.equals(seen.get("from"))
                        && "composing".equals(seen.get("state")) && !seenBefore.contains(seen.get("at"))));
        world.killPod();
        world.startPod();
        world.awaitPhase("Connected");

        String waId = world.awaitSent(id);
        world.awaitAtPhone(CUSTOMER, waId);
        assertThat(world.control().get("/api/phones/" + CUSTOMER + "/messages").jsonPath().<String>getList("text"))
                .as("the message reached the phone once").containsOnlyOnce(text);
    }

    @Test
    void aForwardedMessageArrivesMarkedForwarded() {
        String incoming = phoneSends(CUSTOMER, Map.of("to", OWNER, "text", "Cupom: SEXTA10"));
        String incomingId = (String) awaitStored(incoming).get("id");

        String copy = world.api().body(Map.of("to", FRIEND)).post("/messages/" + incomingId + "/forward").then().statusCode(202)
                .extract().path("id");
        Map<String, Object> atFriend = world.awaitAtPhone(FRIEND, world.awaitSent(copy));
        assertThat(atFriend).containsEntry("text", "Cupom: SEXTA10").containsEntry("forwarded", true)
                .containsEntry("forwardingScore", 1);
    }

    @Test
    void viewOnceMediaGoesBothWays() {
        byte[] photo = SampleFiles.png(40, 30, 38);
        String id = accepted(Map.of("to", CUSTOMER, "type", "image", "viewOnce", true,
                "media", Map.of("data", Base64.getEncoder().encodeToString(photo), "mimeType", "image/png")));
        Map<String, Object> atPhone = world.awaitAtPhone(CUSTOMER, world.awaitSent(id));
        assertThat(atPhone).containsEntry("type", "image").containsEntry("viewOnce", true);
        world.api().get("/messages/" + id).then().body("viewOnce", org.hamcrest.Matchers.equalTo(true));

        String fromPhone = phoneSends(CUSTOMER, Map.of("to", OWNER, "type", "image", "viewOnce", true,
                "media", Map.of("data", Base64.getEncoder().encodeToString(SampleFiles.png(30, 30, 83)), "mimeType", "image/png")));
        Map<String, Object> stored = awaitStored(fromPhone);
        assertThat(stored).containsEntry("type", "image").containsEntry("viewOnce", true);
        assertThat(awaitWebhook("message.received", (String) stored.get("id")).path("data").path("viewOnce").asBoolean()).isTrue();
    }

    @Test
    void mentioningEveryoneNamesEveryMemberOfTheGroup() {
        String group = world.api().body(Map.of("subject", "Clientes VIP", "participants", List.of(CUSTOMER_JID, FRIEND_JID)))
                .post("/groups").then().statusCode(201).extract().path("jid");
        String id = accepted(Map.of("to", group, "text", "Atenção, todos: loja fecha às 18h", "mentionAll", true));
        String waId = world.awaitSent(id);
        for (String phone : List.of(CUSTOMER, FRIEND)) {
            assertThat(world.awaitAtPhone(phone, waId).get("mentions")).asList()
                    .containsExactlyInAnyOrder(CUSTOMER_JID, FRIEND_JID);
        }
    }

    @Test
    void linkPreviewsGivenMadeAndReceived() {
        String thumbnail = Base64.getEncoder().encodeToString(SampleFiles.png(16, 16, 3));
        String given = accepted(Map.of("to", CUSTOMER, "text", "Cardápio: https://loja.example/menu",
                "preview", Map.of("url", "https://loja.example/menu", "title", "Cardápio da Loja",
                        "description", "Pizzas e massas", "thumbnail", thumbnail)));
        Map<String, Object> card = preview(world.awaitAtPhone(CUSTOMER, world.awaitSent(given)));
        assertThat(card).containsEntry("title", "Cardápio da Loja").containsEntry("description", "Pizzas e massas")
                .containsEntry("thumbnail", thumbnail);
        // Baileys 7's message schema (WhatsApp Web's) has no canonical URL: the card's link is the one in the text
        assertThat(card).containsEntry("canonicalUrl", engine == EngineKind.Baileys ? null : "https://loja.example/menu");

        String page = "http://127.0.0.1:" + site.getAddress().getPort() + "/promo";
        String made = accepted(Map.of("to", CUSTOMER, "text", "Promoção: " + page, "linkPreview", true));
        Map<String, Object> madeCard = preview(world.awaitAtPhone(CUSTOMER, world.awaitSent(made)));
        assertThat(madeCard).containsEntry("title", "Promoção de Natal").containsEntry("description", "Tudo pela metade")
                .containsEntry("matchedText", page);
        assertThat(Base64.getDecoder().decode((String) madeCard.get("thumbnail"))).as("a JPEG thumbnail of the page's image")
                .startsWith((byte) 0xFF, (byte) 0xD8);

        String fromPhone = phoneSends(CUSTOMER, Map.of("to", OWNER, "text", "Olha isso https://news.example/a",
                "preview", Map.of("matchedText", "https://news.example/a", "canonicalUrl", "https://news.example/a",
                        "title", "Notícia", "description", "Resumo", "thumbnail", thumbnail)));
        Map<String, Object> stored = awaitStored(fromPhone);
        assertThat(stored.get("linkPreview")).isEqualTo(Map.of("matchedText", "https://news.example/a",
                "url", "https://news.example/a", "title", "Notícia", "description", "Resumo", "thumbnail", thumbnail));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> preview(Map<String, Object> atPhone) {
        return (Map<String, Object>) Optional.ofNullable(atPhone.get("linkPreview"))
                .orElseThrow(() -> new AssertionError("no link preview at the phone: " + atPhone));
    }

    /** A page with Open Graph tags and an image, on loopback. */
    private static HttpServer pageWithOpenGraphTags() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] html = ("<html><head><title>ignored</title><meta property=\"og:title\" content=\"Promoção de Natal\">"
                + "<meta property=\"og:description\" content=\"Tudo pela metade\"><meta property=\"og:image\" content=\"/banner.png\">"
                + "</head><body>oi</body></html>").getBytes(StandardCharsets.UTF_8);
        byte[] banner = SampleFiles.png(640, 320, 25);
        server.createContext("/promo", exchange -> respond(exchange, "text/html; charset=utf-8", html));
        server.createContext("/banner.png", exchange -> respond(exchange, "image/png", banner));
        server.start();
        return server;
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private String accepted(Map<String, Object> request) {
        return world.api().body(request).post("/messages").then().statusCode(202).extract().path("id");
    }

    private String phoneSends(String phone, Map<String, Object> request) {
        return world.control().body(request).post("/api/phones/" + phone + "/messages").then().statusCode(202).extract().path("id");
    }

    private Map<String, Object> awaitStored(String waId) {
        return await().atMost(PATIENCE).until(() -> world.api().queryParam("limit", 200).get("/messages").then().statusCode(200)
                        .extract().jsonPath().<Map<String, Object>>getList("items")
                        .stream().filter(m -> waId.equals(m.get("waMessageId"))).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private JsonNode awaitWebhook(String event, String messageId) {
        return await().atMost(PATIENCE).until(() -> webhooks.jsonAt("/hook").stream()
                .filter(body -> event.equals(body.path("event").asText()))
                .filter(body -> messageId.equals(body.path("data").path("id").asText()))
                .findFirst(), Optional::isPresent).orElseThrow();
    }

}
