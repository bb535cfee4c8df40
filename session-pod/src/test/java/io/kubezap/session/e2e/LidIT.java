package io.kubezap.session.e2e;

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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static io.kubezap.session.e2e.PodAgainstSimulator.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * A customer WhatsApp addresses by a linked identity (its messages come from {@code <lid>@lid}, the number only in
 * {@code sender_pn}), between the packaged pod and the simulator: the text is stored with both forms, the event
 * carries both, replies to the lid and to the number both reach the phone, a number check returns the lid, and after
 * a restart the pairing is still known and the customer's next text (on the Signal session kept) arrives. A customer
 * whose messages hide the number stays under its lid, where a reply to the lid reaches it, until a number check pairs
 * the two; then its rows move to the number and a reply to the lid reaches it too. A group's metadata pairs a participant's lid with its number
 * too. A conversation that starts by number and goes on by lid (WhatsApp moves the customer to LID addressing) is one
 * chat under the number, every message with both addresses, and replies to either reach the phone. In a LID-addressed
 * group senders and members are named by number, the lid beside, a post to it reaches its members, and its notifications
 * (members added, promoted, removed, a new subject) name everyone by number with the lid beside. Blocking by lid and
 * unblocking by number act on the same person. Run once per engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LidIT {

    private static final String OWNER = "5511999990030";
    private static final String CUSTOMER = "5511988880030";
    private static final String CUSTOMER_JID = CUSTOMER + "@s.whatsapp.net";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;
    private String lid;
    private String firstId;
    private String lidGroup;

    @BeforeParameterizedClassInvocation
    void startAConnectedSessionAndALidAddressedCustomer() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "lid-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "loja-30", BaileysBridge.environment(engine));
        world.createPhone(OWNER, "Loja");
        world.control().body(Map.of("number", CUSTOMER, "pushName", "Lia", "lidAddressed", true)).post("/api/phones")
                .then().statusCode(201).body("lidAddressed", equalTo(true));
        lid = world.control().get("/api/phones").jsonPath().getString("find { it.number == '" + CUSTOMER + "' }.lid");
        world.startPod();
        world.scanCurrentQr(OWNER);
        world.awaitPhase("Connected");
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void aTextFromALidIsStoredWithBothFormsAndTheEventCarriesBoth() {
        String waId = customerSends("oi, aqui é a Lia");

        var stored = await().atMost(PATIENCE).until(() -> world.api().queryParam("chat", lid).get("/messages").jsonPath(),
                page -> page.getList("items").size() == 1);
        assertThat(stored.getString("items[0].waMessageId")).isEqualTo(waId);
        assertThat(stored.getString("items[0].text")).isEqualTo("oi, aqui é a Lia");
        assertThat(stored.getString("items[0].chat")).isEqualTo(CUSTOMER_JID);
        assertThat(stored.getString("items[0].jid")).isEqualTo(CUSTOMER_JID);
        assertThat(stored.getString("items[0].lid")).isEqualTo(lid);
        assertThat(stored.getString("items[0].phoneNumber")).isEqualTo(CUSTOMER);
        firstId = stored.getString("items[0].id");

        world.api().get("/chats/" + lid).then().statusCode(200)
                .body("jid", equalTo(CUSTOMER_JID)).body("lid", equalTo(lid)).body("phoneNumber", equalTo(CUSTOMER));
        world.api().get("/contacts").then().statusCode(200)
                .body("items.find { it.jid == '" + CUSTOMER_JID + "' }.lid", equalTo(lid));
        var event = world.events("message.received").stream().filter(e -> waId.equals(payload(e).get("waMessageId"))).findFirst().orElseThrow();
        assertThat(payload(event)).containsEntry("lid", lid).containsEntry("phoneNumber", CUSTOMER).containsEntry("jid", CUSTOMER_JID);
    }

    @Test
    @Order(2)
    void repliesToTheLidAndToTheNumberBothReachThePhone() {
        String toLid = world.api().body(Map.of("to", lid, "text", "resposta à lid", "quotedMessageId", firstId)).post("/messages")
                .then().statusCode(202).body("lid", equalTo(lid)).body("phoneNumber", equalTo(CUSTOMER)).extract().path("id");
        String toNumber = world.api().body(Map.of("to", CUSTOMER, "text", "resposta ao número")).post("/messages")
                .then().statusCode(202).body("lid", equalTo(lid)).extract().path("id");

        var first = world.awaitAtPhone(CUSTOMER, world.awaitSent(toLid));
        var second = world.awaitAtPhone(CUSTOMER, world.awaitSent(toNumber));
        assertThat(first).containsEntry("text", "resposta à lid");
        assertThat(first.get("quotedMessageId")).as("the reply quotes the customer's text").isNotNull();
        assertThat(second).containsEntry("text", "resposta ao número");
        world.api().get("/chats/" + CUSTOMER).then().body("messageCount", equalTo(3));
    }

    @Test
    @Order(3)
    void aNumberCheckReturnsTheLid() {
        world.api().body(Map.of("numbers", List.of(CUSTOMER))).post("/contacts/check").then().statusCode(200)
                .body("items[0].exists", equalTo(true)).body("items[0].jid", equalTo(CUSTOMER_JID))
                .body("items[0].lid", equalTo(lid));
    }

    @Test
    @Order(4)
    void afterARestartThePairingIsKnownAndTheLidsNextTextArrives() throws Exception {
        world.restartPod();
        world.awaitPhase("Connected");
        world.api().get("/chats/" + lid).then().statusCode(200).body("jid", equalTo(CUSTOMER_JID)).body("lid", equalTo(lid));

        String waId = customerSends("voltei");
        var stored = await().atMost(PATIENCE).until(() -> world.api().queryParam("chat", lid).get("/messages").jsonPath(),
                page -> page.getList("items.waMessageId").contains(waId));
        assertThat(stored.getString("items[0].lid")).isEqualTo(lid);
        assertThat(stored.getString("items[0].phoneNumber")).isEqualTo(CUSTOMER);
        String reply = world.api().body(Map.of("to", lid, "text", "bem-vinda de volta")).post("/messages")
                .then().statusCode(202).extract().path("id");
        assertThat(world.awaitAtPhone(CUSTOMER, world.awaitSent(reply))).containsEntry("text", "bem-vinda de volta");
    }

    @Test
    @Order(5)
    void aLidThatHidesItsNumberIsKeptUnderTheLidUntilANumberCheckPairsItThenItsRowsMoveToTheNumber() {
        String hidden = "5511988880031";
        world.control().body(Map.of("number", hidden, "pushName", "Rui", "lidAddressed", true, "hidesNumber", true))
                .post("/api/phones").then().statusCode(201);
        String hiddenLid = world.control().get("/api/phones").jsonPath().getString("find { it.number == '" + hidden + "' }.lid");
        String waId = world.control().body(Map.of("to", OWNER, "text", "sem número")).post("/api/phones/" + hidden + "/messages")
                .then().statusCode(202).extract().path("id");

        var stored = await().atMost(PATIENCE).until(() -> world.api().queryParam("chat", hiddenLid).get("/messages").jsonPath(),
                page -> page.getList("items.waMessageId").contains(waId));
        assertThat(stored.getString("items[0].jid")).isEqualTo(hiddenLid);
        assertThat(stored.getString("items[0].lid")).isEqualTo(hiddenLid);
        assertThat(stored.getString("items[0].phoneNumber")).isNull();
        String toHiddenLid = world.api().body(Map.of("to", hiddenLid, "text", "pela lid")).post("/messages")
                .then().statusCode(202).extract().path("id");
        // sent to the LID, as WhatsApp's own clients do: no number to put beside it
        var atPhone = world.awaitAtPhone(hidden, world.awaitSent(toHiddenLid));
        assertThat(atPhone).containsEntry("text", "pela lid").containsEntry("to", hiddenLid);
        assertThat(atPhone.get("recipientPn")).as("no number named beside the LID (peer_recipient_pn)").isNull();

        world.api().body(Map.of("numbers", List.of(hidden))).post("/contacts/check").then().statusCode(200)
                .body("items[0].lid", equalTo(hiddenLid));

        world.api().get("/chats/" + hiddenLid).then().statusCode(200)
                .body("jid", equalTo(hidden + "@s.whatsapp.net")).body("lid", equalTo(hiddenLid)).body("phoneNumber", equalTo(hidden));
        world.api().queryParam("chat", hidden).get("/messages").then()
                .body("items.waMessageId", org.hamcrest.Matchers.hasItem(waId));
        String reply = world.api().body(Map.of("to", hiddenLid, "text", "agora vai")).post("/messages")
                .then().statusCode(202).extract().path("id");
        assertThat(world.awaitAtPhone(hidden, world.awaitSent(reply))).containsEntry("text", "agora vai");
    }

    @Test
    @Order(6)
    void aGroupsMetadataPairsAParticipantsLidWithItsNumberAndAMessageToThatLidReachesThem() {
        String member = "5511988880032";
        world.createPhone(member, "Ana");
        String memberLid = world.control().get("/api/phones").jsonPath().getString("find { it.number == '" + member + "' }.lid");

        world.api().body(Map.of("subject", "Clientes", "participants", List.of(member))).post("/groups").then().statusCode(201);

        String toLid = world.api().body(Map.of("to", memberLid, "text", "oi Ana")).post("/messages")
                .then().statusCode(202).body("chat", equalTo(member + "@s.whatsapp.net")).body("lid", equalTo(memberLid))
                .extract().path("id");
        assertThat(world.awaitAtPhone(member, world.awaitSent(toLid))).containsEntry("text", "oi Ana");
    }

    @Test
    @Order(7)
    void aLidAddressedCustomerTypingIsAPresenceUnderTheNumberWithBothForms() {
        long before = world.lastEventId();
        world.control().body(Map.of("to", OWNER, "state", "composing")).post("/api/phones/" + CUSTOMER + "/chatstate")
                .then().statusCode(202);

        var typing = await().atMost(PATIENCE).until(() -> world.eventsAfter("presence.update", before), events -> !events.isEmpty());
        assertThat(payload(typing.getFirst())).containsEntry("jid", CUSTOMER_JID).containsEntry("lid", lid)
                .containsEntry("phoneNumber", CUSTOMER).containsEntry("state", "composing");
        for (String address : List.of(CUSTOMER, lid)) {
            world.api().get("/contacts/" + address + "/presence").then().statusCode(200)
                    .body("jid", equalTo(CUSTOMER_JID)).body("lid", equalTo(lid)).body("state", equalTo("composing"));
        }
    }

    @Test
    @Order(8)
    void aCallFromALidIsRecordedUnderTheNumberWithBothFormsAndItsRejectReachesTheCaller() {
        String callId = world.control().body(Map.of("to", OWNER, "video", false)).post("/api/phones/" + CUSTOMER + "/calls")
                .then().statusCode(202).extract().path("id");

        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> world.api().get("/calls/" + callId).then().statusCode(200)
                .body("status", equalTo("ringing")).body("from", equalTo(CUSTOMER_JID)).body("lid", equalTo(lid))
                .body("phoneNumber", equalTo(CUSTOMER)));
        assertThat(world.events("call.received").stream().map(PodAgainstSimulator::payload)
                .filter(call -> callId.equals(call.get("id"))).findFirst().orElseThrow())
                .containsEntry("from", CUSTOMER_JID).containsEntry("lid", lid).containsEntry("phoneNumber", CUSTOMER);
        world.api().queryParam("from", CUSTOMER).get("/calls").then().statusCode(200).body("items.id", hasItem(callId));

        world.api().post("/calls/" + callId + "/reject").then().statusCode(200).body("status", equalTo("rejected"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(world.control().get("/api/phones/" + CUSTOMER + "/calls").jsonPath()
                .getString("find { it.id == '" + callId + "' }.status")).as("the call as the caller's phone shows it").isEqualTo("rejected"));
    }

    @Test
    @Order(9)
    void readMarksForALidsChatReachThePhone() {
        String first = customerSends("pode confirmar?");
        String second = customerSends("obrigada");
        await().atMost(PATIENCE).until(() -> world.api().queryParam("chat", lid).get("/messages").jsonPath()
                .getList("items.waMessageId").containsAll(List.of(first, second)));

        int marked = world.api().post("/chats/" + lid + "/read").then().statusCode(200).extract().path("marked");
        assertThat(marked).isGreaterThanOrEqualTo(2);
        world.api().get("/chats/" + CUSTOMER).then().body("unreadCount", equalTo(0));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(world.control().get("/api/phones/" + CUSTOMER + "/sent")
                .jsonPath().<Map<String, Object>>getList("$").stream().filter(m -> List.of(first, second).contains(m.get("id")))
                .map(m -> m.get("status")).toList()).as("the customer's phone shows its texts read").containsExactly("read", "read"));
    }

    @Test
    @Order(10)
    void aConversationThatStartsByNumberAndContinuesByLidIsOneChatWithBothAddresses() {
        String number = "5511988880033";
        String numberJid = number + "@s.whatsapp.net";
        world.createPhone(number, "Bia");
        String bia = world.control().get("/api/phones").jsonPath().getString("find { it.number == '" + number + "' }.lid");
        String byNumber = sendsFrom(number, "oi, é a Bia");
        await().atMost(PATIENCE).until(() -> world.api().queryParam("chat", number).get("/messages").jsonPath()
                .getList("items.waMessageId").contains(byNumber));
        String reply = world.api().body(Map.of("to", number, "text", "olá Bia")).post("/messages").then().statusCode(202).extract().path("id");
        world.awaitAtPhone(number, world.awaitSent(reply));

        // WhatsApp moves Bia to LID addressing: her next messages come from her LID, her number beside it (sender_pn)
        world.control().body(Map.of("lidAddressed", true)).patch("/api/phones/" + number).then().statusCode(200);
        long before = world.lastEventId();
        String byLid = sendsFrom(number, "agora pela lid");
        await().atMost(PATIENCE).until(() -> world.api().queryParam("chat", number).get("/messages").jsonPath()
                .getList("items.waMessageId").contains(byLid));
        String toLid = world.api().body(Map.of("to", bia, "text", "resposta pela lid")).post("/messages").then().statusCode(202)
                .body("chat", equalTo(numberJid)).body("lid", equalTo(bia)).body("phoneNumber", equalTo(number)).extract().path("id");
        String toNumber = world.api().body(Map.of("to", numberJid, "text", "resposta pelo número")).post("/messages").then().statusCode(202)
                .body("chat", equalTo(numberJid)).body("lid", equalTo(bia)).extract().path("id");
        assertThat(world.awaitAtPhone(number, world.awaitSent(toLid))).containsEntry("text", "resposta pela lid");
        assertThat(world.awaitAtPhone(number, world.awaitSent(toNumber))).containsEntry("text", "resposta pelo número");

        var chats = world.api().queryParam("limit", 100).get("/chats").then().statusCode(200).extract().jsonPath();
        assertThat(chats.getList("items.jid")).as("one chat for Bia, under her number").contains(numberJid).doesNotContain(bia);
        assertThat(chats.getString("items.find { it.jid == '" + numberJid + "' }.lid")).isEqualTo(bia);
        assertThat(chats.getString("items.find { it.jid == '" + numberJid + "' }.phoneNumber")).isEqualTo(number);
        assertThat(chats.getInt("items.find { it.jid == '" + numberJid + "' }.messageCount")).as("two texts from Bia, three answers").isEqualTo(5);
        for (String address : List.of(number, numberJid, bia)) {
            var page = world.api().get("/chats/" + address + "/messages").then().statusCode(200).extract().jsonPath();
            assertThat(page.getList("items.waMessageId")).as("the chat's messages by " + address).contains(byNumber, byLid);
            assertThat(page.getList("items.id")).contains(reply, toLid, toNumber);
            assertThat(page.getList("items.chat")).as("every message in one chat").containsOnly(numberJid);
            assertThat(page.getList("items.lid")).as("every message, by number or by LID, with both addresses").containsOnly(bia);
            assertThat(page.getList("items.phoneNumber")).containsOnly(number);
        }
        var received = world.eventsAfter("message.received", before).stream().map(PodAgainstSimulator::payload)
                .filter(message -> byLid.equals(message.get("waMessageId"))).findFirst().orElseThrow();
        assertThat(received).containsEntry("chat", numberJid).containsEntry("jid", numberJid).containsEntry("lid", bia)
                .containsEntry("phoneNumber", number);
        var sent = world.eventsAfter("message.sent", before).stream().map(PodAgainstSimulator::payload)
                .filter(message -> toLid.equals(message.get("id"))).findFirst().orElseThrow();
        assertThat(sent).containsEntry("chat", numberJid).containsEntry("lid", bia).containsEntry("phoneNumber", number);
    }

    @Test
    @Order(11)
    void aLidAddressedGroupNamesItsSendersByNumberWithTheirLidsBeside() {
        String member = "5511988880034";
        String memberJid = member + "@s.whatsapp.net";
        world.createPhone(member, "Caio");
        String caio = world.control().get("/api/phones").jsonPath().getString("find { it.number == '" + member + "' }.lid");
        String group = world.control().body(Map.of("from", member, "subject", "Entregas", "participants", List.of(OWNER),
                "addressingMode", "lid")).post("/api/groups").then().statusCode(201).extract().path("group.jid");
        lidGroup = group;
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> world.api().get("/groups/" + group).then().statusCode(200));

        long before = world.lastEventId();
        String waId = world.control().body(Map.of("from", member, "text", "saiu para entrega")).post("/api/groups/" + group + "/messages")
                .then().statusCode(201).extract().path("id");
        var stored = await().atMost(PATIENCE).until(() -> world.api().get("/chats/" + group + "/messages").jsonPath(),
                page -> page.getList("items.waMessageId").contains(waId));
        String item = "items.find { it.waMessageId == '" + waId + "' }.";
        assertThat(stored.getString(item + "text")).isEqualTo("saiu para entrega");
        assertThat(stored.getString(item + "chat")).isEqualTo(group);
        assertThat(stored.getString(item + "from")).as("the sender by number, as in a group addressed by number").isEqualTo(memberJid);
        assertThat(stored.getString(item + "lid")).isEqualTo(caio);
        assertThat(stored.getString(item + "phoneNumber")).isEqualTo(member);
        var received = await().atMost(PATIENCE).until(() -> world.eventsAfter("message.received", before).stream()
                .map(PodAgainstSimulator::payload).filter(message -> waId.equals(message.get("waMessageId"))).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(received).containsEntry("chat", group).containsEntry("from", memberJid).containsEntry("participant", memberJid)
                .containsEntry("lid", caio).containsEntry("phoneNumber", member);

        var info = world.api().get("/groups/" + group).then().statusCode(200).extract().jsonPath();
        assertThat(info.getString("participants.find { it.jid == '" + memberJid + "' }.lid")).as("the group's members by number, LID beside")
                .isEqualTo(caio);
        assertThat(info.getString("participants.find { it.jid == '" + memberJid + "' }.phoneNumber")).isEqualTo(member);
        assertThat(info.getList("participants.jid")).contains(OWNER + "@s.whatsapp.net");

        String answer = world.api().body(Map.of("to", group, "text", "obrigado, Caio")).post("/messages").then().statusCode(202)
                .extract().path("id");
        assertThat(world.awaitAtPhone(member, world.awaitSent(answer))).containsEntry("text", "obrigado, Caio")
                .containsEntry("group", group);
    }

    @Test
    @Order(12)
    void aLidAddressedGroupsNotificationsNameEveryoneByNumberWithTheirLidsBeside() {
        String admin = "5511988880034";
        String adminJid = admin + "@s.whatsapp.net";
        String caio = world.control().get("/api/phones").jsonPath().getString("find { it.number == '" + admin + "' }.lid");
        String group = lidGroup;
        String member = "5511988880035";
        String memberJid = member + "@s.whatsapp.net";
        world.createPhone(member, "Dani");
        String dani = world.control().get("/api/phones").jsonPath().getString("find { it.number == '" + member + "' }.lid");

        // WhatsApp names them by LID in a LID-addressed group's notifications, each number beside (phone_number, participant_pn)
        long before = world.lastEventId();
        changeParticipants(group, admin, "add", member);
        var added = awaitGroupEvent("group.participants", group, before, "add");
        assertThat(added).containsEntry("participants", List.of(memberJid)).containsEntry("by", adminJid).containsEntry("byLid", caio)
                .containsEntry("byPhoneNumber", admin);
        assertThat(added.get("addresses")).isEqualTo(List.of(Map.of("jid", memberJid, "lid", dani, "phoneNumber", member)));

        changeParticipants(group, admin, "promote", member);
        assertThat(awaitGroupEvent("group.participants", group, before, "promote")).containsEntry("participants", List.of(memberJid))
                .containsEntry("byLid", caio);
        await().atMost(PATIENCE).untilAsserted(() -> {
            var info = world.api().get("/groups/" + group).then().statusCode(200).extract().jsonPath();
            assertThat(info.getString("participants.find { it.jid == '" + memberJid + "' }.lid")).isEqualTo(dani);
            assertThat(info.getString("participants.find { it.jid == '" + memberJid + "' }.role")).isEqualTo("admin");
        });

        world.control().body(Map.of("from", admin, "subject", "Entregas do dia")).patch("/api/groups/" + group).then().statusCode(200);
        var renamed = awaitGroupEvent("group.update", group, before, null);
        assertThat(renamed).containsEntry("by", adminJid).containsEntry("byLid", caio).containsEntry("byPhoneNumber", admin);
        assertThat(renamed.get("changes")).isEqualTo(Map.of("subject", "Entregas do dia"));

        changeParticipants(group, admin, "remove", member);
        assertThat(awaitGroupEvent("group.participants", group, before, "remove")).containsEntry("participants", List.of(memberJid))
                .containsEntry("by", adminJid);
    }

    @Test
    @Order(13)
    void blockingByLidOrByNumberBlocksTheSamePerson() {
        world.api().post("/contacts/" + lid + "/block").then().statusCode(200).body("blocked", equalTo(true));
        world.api().get("/contacts/blocked").then().statusCode(200).body("items", hasItem(CUSTOMER_JID));
        String whileBlocked = customerSends("bloqueada pela lid");

        world.api().post("/contacts/" + CUSTOMER + "/unblock").then().statusCode(200).body("blocked", equalTo(false));
        world.api().get("/contacts/blocked").then().body("items", org.hamcrest.Matchers.not(hasItem(CUSTOMER_JID)));
        String afterwards = customerSends("desbloqueada pelo número");

        await().atMost(PATIENCE).until(() -> world.api().queryParam("chat", lid).queryParam("limit", 100).get("/messages").jsonPath()
                .getList("items.waMessageId").contains(afterwards));
        assertThat(world.api().queryParam("chat", lid).queryParam("limit", 100).get("/messages").jsonPath().<String>getList("items.waMessageId"))
                .as("the text sent while blocked by LID never arrives").doesNotContain(whileBlocked);
    }

    @Test
    @Order(14)
    void receiptsAndReactionsOfALidAddressedCustomerGoBothWays() {
        String id = world.api().body(Map.of("to", lid, "text", "Seu pedido saiu")).post("/messages").then().statusCode(202)
                .extract().path("id");
        String waId = world.awaitSent(id);
        world.awaitAtPhone(CUSTOMER, waId);
        world.control().body(Map.of("messageId", waId, "type", "read")).post("/api/phones/" + CUSTOMER + "/receipts").then().statusCode(202);
        await().atMost(PATIENCE).untilAsserted(() -> world.api().get("/messages/" + id).then().statusCode(200)
                .body("status", equalTo("read")));

        // the customer's phone, addressed by LID, reacts to the session's message
        world.control().body(Map.of("emoji", "❤️")).post("/api/phones/" + CUSTOMER + "/messages/" + waId + "/reactions")
                .then().statusCode(202);
        await().atMost(PATIENCE).untilAsserted(() -> world.api().get("/messages/" + id).then().statusCode(200)
                .body("reactions[0].from", equalTo(CUSTOMER_JID)).body("reactions[0].emoji", equalTo("❤️")));

        String incoming = customerSends("valeu!");
        String incomingId = await().atMost(PATIENCE).until(() -> world.api().queryParam("chat", lid).queryParam("limit", 100)
                .get("/messages").jsonPath().getString("items.find { it.waMessageId == '" + incoming + "' }.id"), java.util.Objects::nonNull);
        world.api().body(Map.of("emoji", "👍")).post("/messages/" + incomingId + "/reactions").then().statusCode(200);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(world.control().get("/api/phones/" + CUSTOMER + "/sent").jsonPath()
                .<Map<String, Object>>getList("$").stream().filter(message -> incoming.equals(message.get("id"))).findFirst().orElseThrow()
                .get("reactions")).as("the customer's phone shows the session's reaction").isEqualTo(Map.of(OWNER + "@s.whatsapp.net", "👍")));
    }

    private void changeParticipants(String group, String admin, String action, String member) {
        world.control().body(Map.of("from", admin, "action", action, "participants", List.of(member)))
                .post("/api/groups/" + group + "/participants").then().statusCode(200);
    }

    private Map<String, Object> awaitGroupEvent(String type, String group, long after, String action) {
        return await().atMost(PATIENCE).until(() -> world.eventsAfter(type, after).stream().map(PodAgainstSimulator::payload)
                        .filter(event -> group.equals(event.get("group")) && (action == null || action.equals(event.get("action")))).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }

    private String customerSends(String text) {
        return sendsFrom(CUSTOMER, text);
    }

    private String sendsFrom(String number, String text) {
        return world.control().body(Map.of("to", OWNER, "text", text)).post("/api/phones/" + number + "/messages")
                .then().statusCode(202).extract().path("id");
    }

}
