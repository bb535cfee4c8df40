package io.kubezap.session.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubezap.contract.EngineKind;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 54 part 3: the Chatwoot connector ({@code spec.chatwoot}) in the packaged pod against the simulator and a
 * Chatwoot stand-in written from Chatwoot's API reference ({@link ChatwootStandIn}), on both engines: the session's
 * API inbox made, a customer's text a message of the right conversation with the right contact, an agent's reply sent
 * to the phone with its receipts reflected back, quotes, reactions and files mirrored, and a pod killed with SIGKILL
 * between an event and its mirror losing and duplicating nothing.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChatwootIT {

    private static final String OWNER = "5511999990054";
    private static final String CUSTOMER = "5511988880054";
    private static final String TOKEN = "chatwoot-token-of-an-admin";
    private static final String WEBHOOK_BASE = "http://kubezap-pod.test:8080";
    private static final String INBOX_NAME = "WhatsApp da Loja";
    private static final String WEBHOOK_SECRET = "the-inbox-webhook-secret";

    @Parameter
    EngineKind engine;

    private ChatwootStandIn chatwoot;
    private PodAgainstSimulator world;
    private String session;
    private long conversationId;
    private ObjectNode agentsReply;
    private String agentsReplyAtPhone;

    @BeforeParameterizedClassInvocation
    void startPodSimulatorAndChatwoot() throws Exception {
        chatwoot = ChatwootStandIn.start(TOKEN);
        chatwoot.signWebhooksWith(WEBHOOK_SECRET);
        session = "loja-cw-" + engine.name().toLowerCase();
        Path workDir = Files.createTempDirectory(Path.of("target"), "chatwoot-it-" + engine + "-");
        Map<String, String> environment = new HashMap<>(BaileysBridge.environment(engine));
        environment.putAll(chatwoot.podEnvironment());
        environment.putAll(Map.of("KUBEZAP_CHATWOOT_INBOX_NAME", INBOX_NAME,
                "KUBEZAP_CHATWOOT_WEBHOOK_BASE_URL", WEBHOOK_BASE,
                "KUBEZAP_CHATWOOT_RETRY_MAX_DELAY", "2s",
                "KUBEZAP_CHATWOOT_WEBHOOK_SECRET", WEBHOOK_SECRET));
        world = PodAgainstSimulator.create(workDir, session, environment);
        chatwoot.deliverWebhooksTo(() -> world.podAlive() ? world.podBaseUrl() : null);
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        try {
            if (world != null) {
                world.close();
            }
        } finally {
            if (chatwoot != null) {
                chatwoot.close();
            }
        }
    }

    @Test
    @Order(1)
    void linkingMakesTheSessionsApiInboxWithItsWebhook() {
        world.startLinked(OWNER, CUSTOMER);

        ObjectNode inbox = await().atMost(PATIENCE).until(() -> chatwoot.inboxes().stream().findFirst(), Optional::isPresent).orElseThrow();
        assertThat(inbox.path("name").asText()).isEqualTo(INBOX_NAME);
        String webhookUrl = inbox.path("webhook_url").asText();
        assertThat(webhookUrl).matches(WEBHOOK_BASE + "/api/v1/sessions/" + session + "/chatwoot/webhook/[A-Za-z0-9_-]{32}");

        ChatwootStandIn.Request made = single(chatwoot.requests("POST", "/inboxes"));
        assertThat(made.body().path("name").asText()).isEqualTo(INBOX_NAME);
        assertThat(made.body().path("channel").path("type").asText()).isEqualTo("api");
        assertThat(made.body().path("channel").path("webhook_url").asText()).isEqualTo(webhookUrl);
        assertThat(chatwoot.requests("PATCH", "/inboxes/" + inbox.path("id").asLong()))
                .allSatisfy(patch -> assertThat(patch.body().path("channel").path("webhook_url").asText()).isEqualTo(webhookUrl));
    }

    @Test
    @Order(2)
    void aCustomersTextBecomesAnIncomingMessageOfTheContactsConversation() {
        String waId = phoneSends(Map.of("to", OWNER, "text", "Oi, tem bolo de fubá?"));

        ObjectNode mirrored = awaitMirrored("Oi, tem bolo de fubá?");
        conversationId = mirrored.path("conversation_id").asLong();
        assertThat(mirrored.path("message_type").asInt()).as("incoming").isZero();
        assertThat(mirrored.path("source_id").asText()).isEqualTo("WAID:" + waId);

        ChatwootStandIn.Request contact = single(chatwoot.requests("POST", "/contacts"));
        long inboxId = chatwoot.inboxes().getFirst().path("id").asLong();
        assertThat(contact.body().path("inbox_id").asLong()).isEqualTo(inboxId);
        assertThat(contact.body().path("phone_number").asText()).isEqualTo("+" + CUSTOMER);
        assertThat(contact.body().path("name").asText()).isEqualTo("Cliente");
        assertThat(contact.body().path("identifier").asText()).matches("(" + CUSTOMER + "@s\\.whatsapp\\.net|[0-9]+@lid)");
        ObjectNode created = chatwoot.contacts().getFirst();

        ChatwootStandIn.Request conversation = single(chatwoot.requests("POST", "/conversations"));
        assertThat(conversation.body().path("inbox_id").asLong()).isEqualTo(inboxId);
        assertThat(conversation.body().path("contact_id").asLong()).isEqualTo(created.path("id").asLong());
        assertThat(conversation.body().path("source_id").asText()).isNotBlank();
        assertThat(conversation.body().path("status").asText()).isEqualTo("open");

        ChatwootStandIn.Request message = chatwoot.requests("POST", "/conversations/" + conversationId + "/messages").getFirst();
        assertThat(message.body().path("content").asText()).isEqualTo("Oi, tem bolo de fubá?");
        assertThat(message.body().path("message_type").asText()).isEqualTo("incoming");
        assertThat(message.body().path("private").asBoolean()).isFalse();
        assertThat(message.body().path("source_id").asText()).isEqualTo("WAID:" + waId);

        phoneSends(Map.of("to", OWNER, "text", "E de laranja?"));
        assertThat(awaitMirrored("E de laranja?").path("conversation_id").asLong()).as("the same conversation").isEqualTo(conversationId);
        assertThat(chatwoot.contacts()).as("one contact").hasSize(1);
        assertThat(chatwoot.conversations()).as("one conversation").hasSize(1);
    }

    @Test
    @Order(3)
    void anAgentsReplyReachesThePhoneAndItsReceiptsComeBack() throws Exception {
        agentsReply = chatwoot.agentReplies(conversationId, "Tem sim, saiu agora do forno!", null);

        Map<String, Object> atPhone = await().atMost(PATIENCE).until(() -> phoneInbox().stream()
                .filter(m -> "Tem sim, saiu agora do forno!".equals(m.get("text"))).findFirst(), Optional::isPresent).orElseThrow();
        agentsReplyAtPhone = (String) atPhone.get("id");
        long chatwootId = agentsReply.path("id").asLong();

        // the pod takes receipts for a message it recorded as sent (as Conversation does): wait for that, seen in Chatwoot
        await().atMost(PATIENCE).until(() -> chatwoot.requests("PATCH", "/conversations/" + conversationId + "/messages/" + chatwootId)
                .stream().anyMatch(patch -> "sent".equals(patch.body().path("status").asText())));
        receipt(agentsReplyAtPhone, "delivery");
        await().atMost(PATIENCE).until(() -> chatwoot.message(chatwootId).orElseThrow().path("status").asText(), "delivered"::equals);
        receipt(agentsReplyAtPhone, "read");
        await().atMost(PATIENCE).until(() -> chatwoot.message(chatwootId).orElseThrow().path("status").asText(), "read"::equals);
        assertThat(chatwoot.requests("PATCH", "/conversations/" + conversationId + "/messages/" + chatwootId))
                .extracting(patch -> patch.body().path("status").asText()).containsSubsequence("sent", "delivered", "read");

        assertThat(chatwoot.deliverAgain(chatwootId)).as("a webhook delivered twice is answered").isEqualTo(200);
        assertThat(chatwoot.postWebhookWithToken("not-the-token", chatwootId)).as("a stranger's call").isEqualTo(404);
        assertThat(chatwoot.postWebhookSignedWith(null, chatwootId)).as("the right URL, unsigned").isEqualTo(401);
        assertThat(chatwoot.postWebhookSignedWith("another-secret", chatwootId)).as("the right URL, signed with another secret")
                .isEqualTo(401);
        assertThat(sendsOfChatwootMessage(chatwootId)).as("sends the pod stored for the Chatwoot message").isEqualTo(1);
        Thread.sleep(2000);
        assertThat(phoneInbox()).filteredOn(m -> "Tem sim, saiu agora do forno!".equals(m.get("text"))).as("at the phone once").hasSize(1);
        assertThat(chatwoot.messagesOf(conversationId)).filteredOn(m -> m.path("content").asText().equals("Tem sim, saiu agora do forno!"))
                .as("the connector does not mirror the agent's own reply back").hasSize(1);
    }

    @Test
    @Order(4)
    void aQuoteAReactionAndAPictureAreMirrored() {
        phoneSends(Map.of("to", OWNER, "text", "Quero dois!", "quotedMessageId", agentsReplyAtPhone));
        ObjectNode quote = awaitMirrored("Quero dois!");
        assertThat(quote.path("content_attributes").path("in_reply_to").asLong()).isEqualTo(agentsReply.path("id").asLong());

        world.control().body(Map.of("emoji", "❤️")).post("/api/phones/" + CUSTOMER + "/messages/" + agentsReplyAtPhone + "/reactions")
                .then().statusCode(202);
        ObjectNode reaction = awaitMirrored("❤️");
        assertThat(reaction.path("content_attributes").path("is_reaction").asBoolean()).isTrue();
        assertThat(reaction.path("content_attributes").path("in_reply_to").asLong()).isEqualTo(agentsReply.path("id").asLong());
        assertThat(reaction.path("message_type").asInt()).isZero();

        byte[] png = Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        phoneSends(Map.of("to", OWNER, "type", "image", "caption", "Esse aqui",
                "media", Map.of("data", Base64.getEncoder().encodeToString(png), "mimeType", "image/png")));
        ObjectNode picture = awaitMirrored("Esse aqui");
        assertThat(picture.path("attachments")).as("the picture as an attachment").hasSize(1);
        ChatwootStandIn.Request upload = chatwoot.requests("POST", "/conversations/" + conversationId + "/messages").stream()
                .filter(r -> "Esse aqui".equals(r.body().path("content").asText())).findFirst().orElseThrow();
        assertThat(upload.files()).singleElement().asString().endsWith(":" + png.length);
        assertThat(upload.body().path("message_type").asText()).isEqualTo("incoming");
    }

    @Test
    @Order(5)
    void aPodKilledBetweenEventAndMirrorLosesAndDuplicatesNothing() throws Exception {
        // killed after Chatwoot made the message but before its answer reached the pod
        chatwoot.answerMessagesAfter(Duration.ofSeconds(60));
        phoneSends(Map.of("to", OWNER, "text", "Pedido 1"));
        awaitMirrored("Pedido 1");
        world.killPod();
        chatwoot.answerMessagesAfter(Duration.ZERO);
        world.startPod();
        world.awaitPhase("Connected");
        await().atMost(PATIENCE).until(this::outboxLeft, left -> left == 0);

        // killed with the event stored and Chatwoot refusing it
        chatwoot.refuseMessages(true);
        phoneSends(Map.of("to", OWNER, "text", "Pedido 2"));
        await().atMost(PATIENCE).until(() -> chatwoot.requests("POST", "/conversations/" + conversationId + "/messages").stream()
                .anyMatch(r -> "Pedido 2".equals(r.body().path("content").asText())));
        world.killPod();
        chatwoot.refuseMessages(false);

        // and one that arrives while the pod is down
        phoneSends(Map.of("to", OWNER, "text", "Pedido 3"));
        world.startPod();
        world.awaitPhase("Connected");

        for (String text : List.of("Pedido 1", "Pedido 2", "Pedido 3")) {
            awaitMirrored(text);
        }
        await().atMost(PATIENCE).until(this::outboxLeft, left -> left == 0);
        for (String text : List.of("Pedido 1", "Pedido 2", "Pedido 3")) {
            assertThat(chatwoot.messagesOf(conversationId)).filteredOn(m -> text.equals(m.path("content").asText()))
                    .as("%s in Chatwoot once", text).hasSize(1);
        }
        assertThat(chatwoot.messagesOf(conversationId)).extracting(m -> m.path("source_id").asText())
                .filteredOn(source -> !source.isEmpty() && !source.equals("null")).doesNotHaveDuplicates();
        assertThat(chatwoot.conversations()).as("still one conversation").hasSize(1);
        assertThat(chatwoot.inboxes()).as("still one inbox").hasSize(1);
    }

    @Test
    @Order(6)
    void anAgentsAttachmentsReachThePhoneAsMediaOfTheirKind() throws Exception {
        byte[] png = Base64.getDecoder().decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        byte[] pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        ObjectNode reply = chatwoot.agentRepliesWithFiles(conversationId, "Segue o cardápio", List.of(
                new ChatwootStandIn.AgentFile("image", "cardapio.png", "image/png", png),
                new ChatwootStandIn.AgentFile("file", "precos.pdf", "application/pdf", pdf)));

        Map<String, Object> picture = awaitAtPhone(m -> "image".equals(m.get("type")) && "Segue o cardápio".equals(m.get("caption")));
        assertThat(world.phoneFile(CUSTOMER, (String) picture.get("id"))).as("the picture's bytes").isEqualTo(png);
        Map<String, Object> document = awaitAtPhone(m -> "document".equals(m.get("type")));
        @SuppressWarnings("unchecked") Map<String, Object> file = (Map<String, Object>) document.get("media");
        assertThat(file.get("fileName")).isEqualTo("precos.pdf");
        assertThat(world.phoneFile(CUSTOMER, (String) document.get("id"))).as("the document's bytes").isEqualTo(pdf);
        assertThat(phoneInbox()).as("no link sent as text").noneMatch(m -> String.valueOf(m.get("text")).contains("/rails/active_storage/"));

        long chatwootId = reply.path("id").asLong();
        await().atMost(PATIENCE).until(() -> chatwoot.requests("PATCH", "/conversations/" + conversationId + "/messages/" + chatwootId)
                .stream().anyMatch(patch -> "sent".equals(patch.body().path("status").asText())));
        assertThat(chatwoot.deliverAgain(chatwootId)).as("delivered twice").isEqualTo(200);
        assertThat(sendsOfChatwootMessage(chatwootId)).as("one send per file, also after a second delivery").isEqualTo(2);
    }

    @Test
    @Order(7)
    void aGroupIsOneConversationWhoseMessagesNameTheirSenderAndAgentsAnswerTheGroup() {
        String group = world.api().body(Map.of("subject", "Encomendas da Festa", "participants", List.of(CUSTOMER + "@s.whatsapp.net")))
                .post("/groups").then().statusCode(201).extract().path("jid");
        String waId = world.control().body(Map.of("from", CUSTOMER, "text", "Bolo para 20 pessoas, por favor"))
                .post("/api/groups/" + group + "/messages").then().statusCode(201).extract().path("id");

        ObjectNode mirrored = awaitMirrored("**Cliente** (+" + CUSTOMER + "):\nBolo para 20 pessoas, por favor");
        assertThat(mirrored.path("message_type").asInt()).as("incoming").isZero();
        assertThat(mirrored.path("source_id").asText()).isEqualTo("WAID:" + waId);
        long groupConversation = mirrored.path("conversation_id").asLong();
        assertThat(groupConversation).as("not the customer's own conversation").isNotEqualTo(conversationId);
        ObjectNode contact = chatwoot.contacts().stream().filter(c -> group.equals(c.path("identifier").asText())).findFirst().orElseThrow();
        assertThat(contact.path("name").asText()).isEqualTo("Encomendas da Festa");
        assertThat(contact.path("phone_number").isNull()).as("a group has no phone number").isTrue();

        chatwoot.agentReplies(groupConversation, "Anotado! Entregamos sábado.", null);
        Map<String, Object> atPhone = awaitAtPhone(m -> "Anotado! Entregamos sábado.".equals(m.get("text")));
        assertThat(atPhone).as("posted in the group, not to the customer").containsEntry("group", group);
    }

    private Map<String, Object> awaitAtPhone(java.util.function.Predicate<Map<String, Object>> which) {
        return await().atMost(PATIENCE).until(() -> phoneInbox().stream().filter(which).findFirst(), Optional::isPresent).orElseThrow();
    }

    private String phoneSends(Map<String, Object> message) {
        return world.control().body(message).post("/api/phones/" + CUSTOMER + "/messages").then().statusCode(202).extract().path("id");
    }

    private ObjectNode awaitMirrored(String content) {
        return chatwoot.awaitMessage(content);
    }

    private List<Map<String, Object>> phoneInbox() {
        return world.control().get("/api/phones/" + CUSTOMER + "/messages").then().statusCode(200).extract().jsonPath().getList("$");
    }

    private void receipt(String waMessageId, String type) {
        world.control().body(Map.of("messageId", waMessageId, "type", type)).post("/api/phones/" + CUSTOMER + "/receipts")
                .then().statusCode(202);
    }

    private int sendsOfChatwootMessage(long chatwootId) throws Exception {
        try (Connection connection = world.podDatabase().getConnection();
             ResultSet rows = connection.createStatement().executeQuery(
                     "select count(*) from messages where metadata->>'chatwootMessageId' = '" + chatwootId + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private int outboxLeft() throws Exception {
        try (Connection connection = world.podDatabase().getConnection();
             ResultSet rows = connection.createStatement().executeQuery("select count(*) from chatwoot_deliveries")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.getFirst();
    }
}
