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
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * One-to-one chats as current clients hold them (issue 67): a send to someone whose LID the session knows goes to the
 * LID with the number beside it ({@code peer_recipient_pn}), as whatsmeow sends since July 2026, and what the contact
 * writes by LID stays in the number's chat. A {@code @username} is an address: resolved as current clients resolve one,
 * its holder gets the message and the contact, the messages and their events carry the name. Run once per engine
 * against the packaged pod.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LidFirstIT {

    private static final String OWNER = "5511999990067";
    private static final String CUSTOMER = "5511988880067";
    private static final String CUSTOMER_JID = CUSTOMER + "@s.whatsapp.net";
    private static final String ANA = "5511988880068";
    private static final String ANA_JID = ANA + "@s.whatsapp.net";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;
    private String lid;

    @BeforeParameterizedClassInvocation
    void startAConnectedSessionAndALidAddressedCustomer() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "lid-first-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "loja-67", BaileysBridge.environment(engine));
        world.createPhone(OWNER, "Loja");
        world.control().body(Map.of("number", CUSTOMER, "pushName", "Lia", "lidAddressed", true)).post("/api/phones")
                .then().statusCode(201);
        lid = world.lidOf(CUSTOMER);
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
    void aSendToANumberWhoseLidIsKnownGoesToTheLidWithTheNumberBesideAndBothWaysAreOneChat() {
        String fromLid = world.control().body(Map.of("to", OWNER, "text", "oi, é a Lia")).post("/api/phones/" + CUSTOMER + "/messages")
                .then().statusCode(202).extract().path("id");
        await().atMost(PATIENCE).until(() -> world.api().queryParam("chat", CUSTOMER).get("/messages").jsonPath()
                .getList("items.waMessageId").contains(fromLid));

        String reply = world.api().body(Map.of("to", CUSTOMER, "text", "olá Lia")).post("/messages")
                .then().statusCode(202).body("chat", equalTo(CUSTOMER_JID)).extract().path("id");

        String waId = world.awaitSent(reply);
        var atPhone = world.awaitAtPhone(CUSTOMER, waId);
        assertThat(atPhone).containsEntry("text", "olá Lia");
        assertThat(atPhone.get("to")).as("the address the session used for Lia").isEqualTo(lid);
        assertThat(atPhone.get("recipientPn")).as("the number named beside the LID (peer_recipient_pn)").isEqualTo(CUSTOMER_JID);
        world.api().get("/chats/" + CUSTOMER).then().statusCode(200).body("jid", equalTo(CUSTOMER_JID)).body("lid", equalTo(lid))
                .body("messageCount", equalTo(2));
        world.api().get("/chats/" + lid).then().statusCode(200).body("jid", equalTo(CUSTOMER_JID)).body("messageCount", equalTo(2));
        // the phone's receipt comes from the LID the message went to: the message is the one delivered
        world.control().body(Map.of("messageId", waId, "type", "delivery")).post("/api/phones/" + CUSTOMER + "/receipts").then().statusCode(202);
        await().atMost(PATIENCE).untilAsserted(() -> world.api().get("/messages/" + reply).then().body("status", equalTo("delivered")));
    }

    @Test
    @Order(2)
    void aSendToAUsernameReachesItsHolderAndTheContactAndTheirMessagesEventsCarryTheName() {
        world.control().body(Map.of("number", ANA, "pushName", "Ana", "username", "ana.flores")).post("/api/phones").then().statusCode(201);

        String sent = world.api().body(Map.of("to", "@Ana.Flores", "text", "oi Ana, vi seu @")).post("/messages")
                .then().statusCode(202).body("chat", equalTo(ANA_JID)).body("username", equalTo("ana.flores"))
                .body("lid", equalTo(world.lidOf(ANA))).extract().path("id");
        var atPhone = world.awaitAtPhone(ANA, world.awaitSent(sent));
        assertThat(atPhone).containsEntry("text", "oi Ana, vi seu @");
        assertThat(atPhone.get("to")).as("WhatsApp answered the username with Ana's LID: the send goes there").isEqualTo(world.lidOf(ANA));
        world.api().get("/contacts/" + ANA).then().statusCode(200).body("username", equalTo("ana.flores"));
        world.api().get("/contacts").then().body("items.find { it.jid == '" + ANA_JID + "' }.username", equalTo("ana.flores"));

        long before = world.lastEventId();
        String answer = world.control().body(Map.of("to", OWNER, "text", "oi!")).post("/api/phones/" + ANA + "/messages")
                .then().statusCode(202).extract().path("id");
        var received = await().atMost(PATIENCE).until(() -> world.eventsAfter("message.received", before).stream()
                .map(PodAgainstSimulator::payload).filter(event -> answer.equals(event.get("waMessageId"))).findFirst(), java.util.Optional::isPresent);
        assertThat(received.orElseThrow()).containsEntry("jid", ANA_JID).containsEntry("username", "ana.flores");
    }

    @Test
    @Order(3)
    void aUsernameNobodyHoldsIsA404AndOneWhatsAppWouldNotGiveIsA400() {
        world.api().body(Map.of("to", "@ninguem.aqui", "text", "alô?")).post("/messages").then().statusCode(404)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("unknown-username"))
                .body("detail", org.hamcrest.Matchers.containsString("@ninguem.aqui"));
        world.api().body(Map.of("to", "@a", "text", "alô?")).post("/messages").then().statusCode(400)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("username"));
    }
}
