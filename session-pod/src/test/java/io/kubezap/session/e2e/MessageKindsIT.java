package io.kubezap.session.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.testing.PodProcess;
import io.kubezap.session.webhook.WebhookReceiver;
import io.restassured.path.json.JsonPath;
import io.kubezap.contract.EngineKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static io.kubezap.session.e2e.PodAgainstSimulator.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/**
 * Every kind of message and what happens to it afterwards, between the packaged pod (real Cobalt adapter, real
 * PostgreSQL) and simulated phones: locations, contacts, polls and group invitations both ways; reactions, edits and deletions both ways;
 * poll votes; read marks; a burst of texts in one second kept in its order; the owner's own phone writing to a customer;
 * an edit made while the pod is down. Run once per engine. Everything a customer does or is sent runs once per {@link Addressing}: with a
 * customer WhatsApp addresses by LID (sent to its LID, its messages, reactions, edits, deletions and votes from its LID)
 * all of it lands in the one chat under its number, the LID beside, and the customer is named by its number.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 15, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessageKindsIT implements PlacedSession {

    private static final String OWNER = "5511999990013";
    private static final String CUSTOMER = "5511988880013";
    private static final String OWNER_JID = OWNER + "@s.whatsapp.net";
    private static final String LID_CUSTOMER = "5511988881013";

    @Parameter
    EngineKind engine;

    private final ObjectMapper json = new ObjectMapper();
    private PodAgainstSimulator world;
    private WebhookReceiver webhooks;
    private final Map<Addressing, Addressing.Contact> customers = new java.util.EnumMap<>(Addressing.class);

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "message-kinds-it-" + engine + "-");
        webhooks = new WebhookReceiver(PodProcess.freePort());
        Path endpoints = Files.writeString(workDir.resolve("webhooks.json"), "[{\"url\": \"http://127.0.0.1:" + webhooks.port()
                + "/hook\", \"events\": [\"message.edited\", \"message.revoked\", \"message.reaction\", \"poll.vote\", "
                + "\"message.sent\", \"message.status\"]}]");
        var environment = new java.util.HashMap<>(BaileysBridge.environment(engine));
        environment.putAll(Map.of("KUBEZAP_WEBHOOKS_FILE", endpoints.toString(),
                "KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.1")); // the receiver: loopback, allowed as an in-cluster one would be
        world = PodAgainstSimulator.create(workDir, "loja-13", environment, placement());
        customers.put(Addressing.LID, Addressing.LID.createPhone(world, LID_CUSTOMER, "Lia"));
        world.startLinked(OWNER, CUSTOMER);
        customers.get(Addressing.LID).greets(world, OWNER);
        customers.put(Addressing.NUMBER, new Addressing.Contact(CUSTOMER, world.lidOf(CUSTOMER), Addressing.NUMBER));
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        try (var closing = webhooks) {
            if (world != null) {
                world.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Addressing.class)
    void aLocationContactsAndAPollSentThroughTheApiReachThePhone(Addressing addressing) {
        var customer = customers.get(addressing);
        String location = accepted(Map.of("to", customer.address(), "type", "location", "location",
                Map.of("latitude", -23.5505, "longitude", -46.6333, "name", "Loja Centro", "address", "Praça da Sé, São Paulo")));
        String contact = accepted(Map.of("to", customer.address(), "type", "contact", "contacts",
                List.of(Map.of("fullName", "Suporte", "phoneNumbers", List.of("+55 11 97777-6666")))));
        String poll = accepted(Map.of("to", customer.address(), "type", "poll", "poll",
                Map.of("name", "Melhor horário?", "options", List.of("Manhã", "Tarde", "Noite"), "selectableCount", 1)));

        Map<String, Object> place = awaitAtPhone(customer, awaitSent(location));
        assertThat(place.get("type")).isEqualTo("location");
        JsonPath placeAtPhone = JsonPath.from(toJson(place));
        assertThat(placeAtPhone.getDouble("location.latitude")).isEqualTo(-23.5505);
        assertThat(placeAtPhone.getDouble("location.longitude")).isEqualTo(-46.6333);
        assertThat(placeAtPhone.getString("location.name")).isEqualTo("Loja Centro");
        assertThat(placeAtPhone.getString("location.address")).isEqualTo("Praça da Sé, São Paulo");
        Map<String, Object> card = awaitAtPhone(customer, awaitSent(contact));
        assertThat(card.get("type")).isEqualTo("contact");
        assertThat(JsonPath.from(toJson(card)).getString("contacts[0].vcard")).contains("FN:Suporte").containsIgnoringCase("waid=5511977776666");
        Map<String, Object> asked = awaitAtPhone(customer, awaitSent(poll));
        assertThat(JsonPath.from(toJson(asked)).getString("poll.name")).isEqualTo("Melhor horário?");
        assertThat(JsonPath.from(toJson(asked)).getList("poll.options.name")).containsExactly("Manhã", "Tarde", "Noite");

        world.api().get("/messages/" + contact).then().statusCode(200)
                .body("contacts[0].fullName", equalTo("Suporte"))
                .body("contacts[0].phoneNumbers[0]", equalTo("5511977776666"));
        customer.assertInItsChat(world.api().get("/messages/" + poll).jsonPath().getMap("$"));
    }

    @ParameterizedTest
    @EnumSource(Addressing.class)
    void aGroupInvitationSentThroughTheApiReachesThePhoneAsAnInviteCard(Addressing addressing) {
        var customer = customers.get(addressing);
        String invite = accepted(Map.of("to", customer.address(), "type", "group_invite", "groupInvite", Map.of(
                "groupJid", "120363000000001313@g.us", "inviteCode", "Kx7Qm2Lp9Zr4Tw8Yb3Nc6D", "expiresAt", "2030-01-02T03:04:05Z",
                "groupName", "Clientes VIP", "caption", "Entre no nosso grupo")));

        JsonPath atPhone = JsonPath.from(toJson(awaitAtPhone(customer, awaitSent(invite))));
        assertThat(atPhone.getString("type")).isEqualTo("group_invite");
        assertThat(atPhone.getString("groupInvite.groupJid")).isEqualTo("120363000000001313@g.us");
        assertThat(atPhone.getString("groupInvite.inviteCode")).isEqualTo("Kx7Qm2Lp9Zr4Tw8Yb3Nc6D");
        assertThat(atPhone.getLong("groupInvite.expiration")).isEqualTo(Instant.parse("2030-01-02T03:04:05Z").getEpochSecond());
        assertThat(atPhone.getString("groupInvite.groupName")).isEqualTo("Clientes VIP");
        assertThat(atPhone.getString("groupInvite.caption")).isEqualTo("Entre no nosso grupo");
        world.api().get("/messages/" + invite).then().statusCode(200)
                .body("type", equalTo("group_invite"))
                .body("text", equalTo("Entre no nosso grupo"))
                .body("groupInvite.inviteCode", equalTo("Kx7Qm2Lp9Zr4Tw8Yb3Nc6D"));
    }

    @ParameterizedTest
    @EnumSource(Addressing.class)
    void aGroupInvitationFromAPhoneIsStoredAndAnnounced(Addressing addressing) {
        var customer = customers.get(addressing);
        String invite = phoneSends(customer, Map.of("to", OWNER, "type", "group_invite", "groupInvite", Map.of(
                "groupJid", "120363000000002626@g.us", "inviteCode", "Hq3Vt8Xw1Bn5Mk7Pz2Rs4F", "expiration", 1893553445L,
                "groupName", "Entregas", "caption", "Participe")));

        Map<String, Object> message = awaitStored(invite);
        customer.assertInItsChat(message);
        JsonPath stored = JsonPath.from(toJson(message));
        assertThat(stored.getString("type")).isEqualTo("group_invite");
        assertThat(stored.getString("text")).isEqualTo("Participe");
        assertThat(stored.getString("groupInvite.groupJid")).isEqualTo("120363000000002626@g.us");
        assertThat(stored.getString("groupInvite.inviteCode")).isEqualTo("Hq3Vt8Xw1Bn5Mk7Pz2Rs4F");
        assertThat(stored.getString("groupInvite.expiresAt")).isEqualTo(Instant.ofEpochSecond(1893553445L).toString());
        assertThat(stored.getString("groupInvite.groupName")).isEqualTo("Entregas");
        assertThat(world.events("message.received")).anySatisfy(event -> {
            assertThat(payload(event).get("waMessageId")).isEqualTo(invite);
            assertThat(payload(event).get("type")).isEqualTo("group_invite");
        });
    }

    @ParameterizedTest
    @EnumSource(Addressing.class)
    void aLocationContactsAndAPollFromAPhoneAreStoredAndAnnounced(Addressing addressing) {
        var customer = customers.get(addressing);
        String location = phoneSends(customer, Map.of("to", OWNER, "type", "location",
                "location", Map.of("latitude", 48.8584, "longitude", 2.2945, "name", "Tour Eiffel")));
        String contacts = phoneSends(customer, Map.of("to", OWNER, "type", "contact", "contacts", List.of(
                Map.of("fullName", "Ana", "phoneNumbers", List.of("5511955554444")),
                Map.of("fullName", "Bruno", "phoneNumbers", List.of("5511933332222")))));
        String poll = phoneSends(customer, Map.of("to", OWNER, "type", "poll",
                "poll", Map.of("name", "Entrega?", "options", List.of("Sim", "Não"))));

        Map<String, Object> place = awaitStored(location);
        assertThat(place.get("type")).isEqualTo("location");
        customer.assertInItsChat(place);
        assertThat(JsonPath.from(toJson(place)).getDouble("location.latitude")).isEqualTo(48.8584);
        assertThat(JsonPath.from(toJson(place)).getString("location.name")).isEqualTo("Tour Eiffel");
        JsonPath cards = JsonPath.from(toJson(awaitStored(contacts)));
        assertThat(cards.getList("contacts.fullName")).containsExactly("Ana", "Bruno");
        assertThat(cards.getList("contacts.collect { it.phoneNumbers[0] }")).containsExactly("5511955554444", "5511933332222");
        JsonPath asked = JsonPath.from(toJson(awaitStored(poll)));
        assertThat(asked.getString("poll.name")).isEqualTo("Entrega?");
        assertThat(asked.getList("poll.options")).containsExactly("Sim", "Não");
        assertThat(world.events("message.received")).map(PodAgainstSimulator::payload)
                .filteredOn(message -> poll.equals(message.get("waMessageId"))).singleElement().satisfies(customer::assertInItsChat);
    }

    @Test
    void theWebhookDeliveriesOfASendCarryTheTraceOfTheRequestThatSentIt() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String id = world.api().header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                .body(Map.of("to", CUSTOMER, "text", "Seu pedido foi enviado")).post("/messages")
                .then().statusCode(202).extract().path("id");
        String waId = awaitSent(id);
        awaitAtPhone(customers.get(Addressing.NUMBER), waId);
        world.control().body(Map.of("messageId", waId, "type", "delivery"))
                .post("/api/phones/" + CUSTOMER + "/receipts").then().statusCode(202);

        assertThat(awaitDeliveryHeaders("message.sent", id).header("traceparent")).contains(traceId);
        assertThat(awaitDeliveryHeaders("message.status", id).header("traceparent"))
                .as("the phone's delivery receipt comes later, on no request: its event still carries the send's trace")
                .contains(traceId);
    }

    @ParameterizedTest
    @EnumSource(Addressing.class)
    void reactionsGoBothWaysAndARemovalRemoves(Addressing addressing) {
        var customer = customers.get(addressing);
        String id = accepted(Map.of("to", customer.address(), "text", "Pedido confirmado"));
        String waId = awaitSent(id);
        awaitAtPhone(customer, waId);

        phoneUpdate(customer, waId, "reactions", Map.of("emoji", "❤️"));
        await().atMost(PATIENCE).untilAsserted(() -> world.api().get("/messages/" + id).then().statusCode(200)
                .body("reactions[0].from", equalTo(customer.jid())).body("reactions[0].emoji", equalTo("❤️")));
        JsonNode hook = awaitWebhook("message.reaction", id);
        assertThat(hook.path("data").path("emoji").asText()).isEqualTo("❤️");
        assertThat(hook.path("data").path("message").path("text").asText()).isEqualTo("Pedido confirmado");

        phoneUpdate(customer, waId, "reactions", Map.of("emoji", ""));
        await().atMost(PATIENCE).untilAsserted(() -> world.api().get("/messages/" + id).then().statusCode(200)
                .body("reactions.size()", equalTo(0)));

        String incoming = phoneSends(customer, Map.of("to", OWNER, "text", "Obrigado!"));
        String incomingId = (String) awaitStored(incoming).get("id");
        world.api().body(Map.of("emoji", "👍")).post("/messages/" + incomingId + "/reactions").then().statusCode(200)
                .body("reactions[0].emoji", equalTo("👍"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(phoneSent(customer, incoming).orElseThrow().get("reactions"))
                .as("the customer's phone shows the session's reaction on its message")
                .isEqualTo(Map.of(OWNER_JID, "👍")));
    }

    @ParameterizedTest
    @EnumSource(Addressing.class)
    void editsGoBothWaysAndTheHistoryIsKept(Addressing addressing) {
        var customer = customers.get(addressing);
        String incoming = phoneSends(customer, Map.of("to", OWNER, "text", "Quero 2 pizzas"));
        String id = (String) awaitStored(incoming).get("id");
        phoneUpdate(customer, incoming, "edit", Map.of("text", "Quero 3 pizzas"));
        await().atMost(PATIENCE).untilAsserted(() -> world.api().get("/messages/" + id).then().statusCode(200)
                .body("text", equalTo("Quero 3 pizzas")).body("editedAt", org.hamcrest.Matchers.notNullValue()));
        phoneUpdate(customer, incoming, "edit", Map.of("text", "Quero 4 pizzas"));
        await().atMost(PATIENCE).untilAsserted(() -> world.api().get("/messages/" + id + "/edits").then().statusCode(200)
                .body("currentText", equalTo("Quero 4 pizzas")).body("editCount", equalTo(2))
                .body("history.text", equalTo(List.of("Quero 2 pizzas", "Quero 3 pizzas"))));
        JsonNode hook = awaitWebhook("message.edited", id);
        assertThat(hook.path("data").path("previousText").asText()).isIn("Quero 2 pizzas", "Quero 3 pizzas");

        world.api().body(Map.of("text", "não é minha")).patch("/messages/" + id).then().statusCode(409)
                .contentType("application/problem+json").body("type", endsWith("not-own-message"));
        world.api().get("/messages/" + id).then().body("text", equalTo("Quero 4 pizzas"));

        String own = accepted(Map.of("to", customer.address(), "text", "Chega às 19h"));
        String ownWaId = awaitSent(own);
        awaitAtPhone(customer, ownWaId);
        world.api().body(Map.of("text", "Chega às 20h")).patch("/messages/" + own).then().statusCode(200)
                .body("text", equalTo("Chega às 20h"));
        await().atMost(PATIENCE).untilAsserted(() -> {
            Map<String, Object> atPhone = phoneInbox(customer, ownWaId).orElseThrow();
            assertThat(atPhone.get("text")).isEqualTo("Chega às 20h");
            assertThat(atPhone.get("edited")).isEqualTo(true);
        });
        world.api().get("/messages/" + own + "/edits").then().body("history[0].text", equalTo("Chega às 19h"));
    }

    @ParameterizedTest
    @EnumSource(Addressing.class)
    void deletedMessagesAreHiddenFromListsButStayReadable(Addressing addressing) {
        var customer = customers.get(addressing);
        String incoming = phoneSends(customer, Map.of("to", OWNER, "text", "Meu cartão é 1234"));
        String id = (String) awaitStored(incoming).get("id");
        phoneUpdate(customer, incoming, "revoke", Map.of());
        await().atMost(PATIENCE).untilAsserted(() -> world.api().get("/messages/" + id).then().statusCode(200)
                .body("deletedBy", equalTo(customer.jid())).body("text", equalTo("Meu cartão é 1234")));
        assertThat(listedIds(world.api().queryParam("chat", customer.address()).get("/messages").jsonPath())).doesNotContain(id);
        assertThat(listedIds(world.api().queryParam("chat", customer.address()).queryParam("includeDeleted", true).get("/messages").jsonPath()))
                .contains(id);
        assertThat(listedIds(world.api().get("/messages/deleted").jsonPath()).getFirst()).isEqualTo(id);
        assertThat(awaitWebhook("message.revoked", id).path("data").path("message").path("text").asText())
                .isEqualTo("Meu cartão é 1234");

        String own = accepted(Map.of("to", customer.address(), "text", "Preço errado: R$ 1"));
        String ownWaId = awaitSent(own);
        awaitAtPhone(customer, ownWaId);
        world.api().delete("/messages/" + own + "?for=everyone").then().statusCode(200)
                .body("deletedBy", org.hamcrest.Matchers.startsWith(OWNER));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(phoneInbox(customer, ownWaId).orElseThrow().get("deleted")).isEqualTo(true));

        String hidden = accepted(Map.of("to", customer.address(), "text", "só some aqui"));
        awaitSent(hidden);
        world.api().delete("/messages/" + hidden + "?for=me").then().statusCode(200);
        assertThat(listedIds(world.api().queryParam("chat", customer.address()).get("/messages").jsonPath())).doesNotContain(hidden);
        world.api().get("/messages/" + hidden).then().statusCode(200);
        world.api().delete("/messages/" + hidden + "?for=nobody").then().statusCode(400);
    }

    @ParameterizedTest
    @EnumSource(Addressing.class)
    void votesOnPollsAreTalliedWithTheirVoters(Addressing addressing) {
        var customer = customers.get(addressing);
        String poll = accepted(Map.of("to", customer.address(), "type", "poll", "poll",
                Map.of("name", "Sabor?", "options", List.of("Calabresa", "Margherita", "Atum"), "selectableCount", 2)));
        String pollWaId = awaitSent(poll);
        awaitAtPhone(customer, pollWaId);

        phoneUpdate(customer, pollWaId, "votes", Map.of("options", List.of("Calabresa", "Atum")));
        await().atMost(PATIENCE).untilAsserted(() -> world.api().get("/messages/" + poll + "/poll").then().statusCode(200)
                .body("options.find { it.name == 'Calabresa' }.votes", equalTo(1))
                .body("options.find { it.name == 'Atum' }.voters", equalTo(List.of(customer.jid())))
                .body("options.find { it.name == 'Margherita' }.votes", equalTo(0)));
        phoneUpdate(customer, pollWaId, "votes", Map.of("options", List.of("Margherita")));
        await().atMost(PATIENCE).untilAsserted(() -> world.api().get("/messages/" + poll + "/poll").then()
                .body("options.find { it.name == 'Margherita' }.votes", equalTo(1))
                .body("options.find { it.name == 'Calabresa' }.votes", equalTo(0))
                .body("voterCount", equalTo(1)));
        assertThat(awaitWebhook("poll.vote", poll).path("data").path("voter").asText()).isEqualTo(customer.jid());

        String phonePoll = phoneSends(customer, Map.of("to", OWNER, "type", "poll", "poll", Map.of("name", "Aberto domingo?", "options", List.of("Sim", "Não"))));
        String phonePollId = (String) awaitStored(phonePoll).get("id");
        phoneUpdate(customer, phonePoll, "votes", Map.of("options", List.of("Sim")));
        await().atMost(PATIENCE).untilAsserted(() -> world.api().get("/messages/" + phonePollId + "/poll").then().statusCode(200)
                .body("options.find { it.name == 'Sim' }.voters", equalTo(List.of(customer.jid()))));
    }

    @ParameterizedTest
    @EnumSource(Addressing.class)
    void markingAChatReadSendsReadReceiptsAndResetsItsCount(Addressing addressing) {
        var reader = addressing.createPhone(world, addressing == Addressing.LID ? "5511977771013" : "5511977770013", "Leitor");
        String first = phoneSends(reader, Map.of("to", OWNER, "text", "Oi"));
        String second = phoneSends(reader, Map.of("to", OWNER, "text", "Tudo bem?"));
        awaitStored(first);
        awaitStored(second);
        world.api().get("/chats/" + reader.address()).then().statusCode(200).body("unreadCount", equalTo(2))
                .body("jid", equalTo(reader.jid()))
                .body("lastMessagePreview", equalTo("Tudo bem?")).body("lastMessageFromMe", equalTo(false));

        world.api().post("/chats/" + reader.address() + "/read").then().statusCode(200).body("marked", equalTo(2));

        world.api().get("/chats/" + reader.number()).then().body("unreadCount", equalTo(0));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(world.control().get("/api/phones/" + reader.number() + "/sent")
                .jsonPath().getList("status")).containsOnly("read"));
        world.api().post("/chats/" + reader.address() + "/read").then().statusCode(200).body("marked", equalTo(0));
        world.api().post("/chats/5511900000000/read").then().statusCode(404);
    }

    /** WhatsApp stamps messages in whole seconds: a burst shares its second, and its order is the order it came in. */
    @ParameterizedTest
    @EnumSource(Addressing.class)
    void aBurstFromAContactIsListedAndShownInTheOrderItWasSent(Addressing addressing) {
        var writer = addressing.createPhone(world, addressing == Addressing.LID ? "5511977771014" : "5511977770014", "Rajada");
        var texts = List.of("Oi", "Tudo bem?", "Queria saber", "do meu pedido", "Obrigado!");
        texts.stream().map(text -> phoneSends(writer, Map.of("to", OWNER, "text", text))).toList().forEach(this::awaitStored);

        assertThat(world.api().queryParam("chat", writer.address()).get("/messages").jsonPath().<String>getList("items.text"))
                .as("the chat's messages, newest first").containsExactlyElementsOf(texts.reversed());
        world.api().get("/chats/" + writer.address()).then().body("lastMessagePreview", equalTo("Obrigado!"));
    }

    @ParameterizedTest
    @EnumSource(Addressing.class)
    void whatTheOwnerWritesOnThePhoneIsStoredAsOutgoing(Addressing addressing) {
        var customer = customers.get(addressing);
        String copy = world.control().body(Map.of("to", customer.number(), "text", "Escrevi pelo celular"))
                .post("/api/phones/" + OWNER + "/messages").then().statusCode(202).extract().path("id");
        Map<String, Object> stored = await().atMost(PATIENCE).until(() -> world.api().queryParam("chat", customer.address())
                        .queryParam("direction", "out").get("/messages").jsonPath().<Map<String, Object>>getList("items")
                        .stream().filter(m -> copy.equals(m.get("waMessageId"))).findFirst(), Optional::isPresent)
                .orElseThrow();
        assertThat(stored.get("origin")).isEqualTo("phone");
        assertThat(stored.get("status")).isEqualTo("sent");
        assertThat(stored.get("text")).isEqualTo("Escrevi pelo celular");
        customer.assertInItsChat(stored);
        world.api().get("/chats/" + customer.address()).then().body("lastMessageFromMe", equalTo(true));
    }

    @Test
    void badRequestsAreRefusedAndStoreNothing() {
        int before = listedIds(world.api().queryParam("limit", 200).get("/messages").jsonPath()).size();
        refused(Map.of("to", CUSTOMER, "type", "location", "location", Map.of("latitude", 91, "longitude", 0)), "location.latitude");
        refused(Map.of("to", CUSTOMER, "type", "location", "location", Map.of("latitude", 0, "longitude", -180.5)), "location.longitude");
        refused(Map.of("to", CUSTOMER, "type", "poll", "poll", Map.of("name", "Só uma", "options", List.of("A"))), "poll.options");
        refused(Map.of("to", CUSTOMER, "type", "poll", "poll", Map.of("name", "Treze",
                "options", List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13"))), "poll.options");
        refused(Map.of("to", CUSTOMER, "type", "poll", "poll", Map.of("name", "Repete", "options", List.of("A", "A"))), "poll.options[1]");
        refused(Map.of("to", CUSTOMER, "type", "contact", "contacts", List.of(Map.of("vcard", "not a card"))), "contacts[0].vcard");
        refused(Map.of("to", CUSTOMER, "type", "group_invite"), "groupInvite");
        refused(Map.of("to", CUSTOMER, "type", "group_invite", "groupInvite", Map.of("groupJid", "5511977776666@s.whatsapp.net",
                "inviteCode", "Kx7Qm2Lp9Zr4")), "groupInvite.groupJid");
        refused(Map.of("to", CUSTOMER, "type", "group_invite", "groupInvite", Map.of("groupJid", "120363000000001313@g.us",
                "inviteCode", " ")), "groupInvite.inviteCode");
        assertThat(listedIds(world.api().queryParam("limit", 200).get("/messages").jsonPath())).hasSize(before);
    }

    @ParameterizedTest
    @EnumSource(Addressing.class)
    void anEditMadeWhileThePodIsDownIsTrackedAfterItsRestart(Addressing addressing) throws Exception {
        var customer = customers.get(addressing);
        String incoming = phoneSends(customer, Map.of("to", OWNER, "text", "Endereço: Rua A, 1"));
        String id = (String) awaitStored(incoming).get("id");
        world.killPod();
        phoneUpdate(customer, incoming, "edit", Map.of("text", "Endereço: Rua B, 2"));
        world.startPod();
        world.awaitPhase("Connected");
        await().atMost(PATIENCE).untilAsserted(() -> world.api().get("/messages/" + id + "/edits").then().statusCode(200)
                .body("currentText", equalTo("Endereço: Rua B, 2")).body("history[0].text", equalTo("Endereço: Rua A, 1")));
    }

    private void refused(Map<String, Object> request, String field) {
        world.api().body(request).post("/messages").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItem(field));
    }

    private String accepted(Map<String, Object> request) {
        return world.api().body(request).post("/messages").then().statusCode(202).extract().path("id");
    }

    private String phoneSends(Addressing.Contact phone, Map<String, Object> request) {
        return world.control().body(request).post("/api/phones/" + phone.number() + "/messages").then().statusCode(202).extract().path("id");
    }

    private void phoneUpdate(Addressing.Contact phone, String waId, String action, Map<String, Object> body) {
        world.control().body(body).post("/api/phones/" + phone.number() + "/messages/" + waId + "/" + action).then().statusCode(202);
    }

    private String awaitSent(String id) {
        return world.awaitSent(id);
    }

    private Map<String, Object> awaitAtPhone(Addressing.Contact phone, String waId) {
        return world.awaitAtPhone(phone.number(), waId);
    }

    private Optional<Map<String, Object>> phoneInbox(Addressing.Contact phone, String waId) {
        return world.atPhone(phone.number(), waId);
    }

    private Optional<Map<String, Object>> phoneSent(Addressing.Contact phone, String waId) {
        return world.control().get("/api/phones/" + phone.number() + "/sent").jsonPath().<Map<String, Object>>getList("$")
                .stream().filter(m -> waId.equals(m.get("id"))).findFirst();
    }

    private Map<String, Object> awaitStored(String waId) {
        return await().atMost(PATIENCE).until(() -> world.api().queryParam("limit", 200).queryParam("includeDeleted", true)
                        .get("/messages").then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items")
                        .stream().filter(m -> waId.equals(m.get("waMessageId"))).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private static List<String> listedIds(JsonPath page) {
        return page.getList("items.id");
    }

    private WebhookReceiver.Received awaitDeliveryHeaders(String event, String messageId) {
        return await().atMost(PATIENCE).until(() -> webhooks.at("/hook").stream()
                .filter(request -> event.equals(request.header("X-Kubezap-Event")) && request.body().contains(messageId))
                .findFirst(), Optional::isPresent).orElseThrow();
    }

    private JsonNode awaitWebhook(String event, String messageId) {
        return await().atMost(PATIENCE).until(() -> webhooks.jsonAt("/hook").stream()
                .filter(body -> event.equals(body.path("event").asText()))
                .filter(body -> messageId.equals(body.path("data").path("messageId").asText())
                        || messageId.equals(body.path("data").path("message").path("id").asText()))
                .reduce((first, later) -> later), Optional::isPresent).orElseThrow();
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }
}
