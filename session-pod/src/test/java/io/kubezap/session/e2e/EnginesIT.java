package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import io.restassured.path.json.JsonPath;
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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every engine ({@code KUBEZAP_ENGINE}) must do alike, run once per engine on the packaged pod against the
 * simulator: link by QR, a customer's text stored, a text sent with its receipts, a restarted process back without a QR.
 * Media, groups, contacts, presence, calls, message kinds and updates, history, chats' app state, and the crash test of
 * received messages are proven on both engines by their own ITs (parameterised by engine, as this one); what runs on one
 * engine only is session-pod/README's list (OneEngineListTest). Baileys now bridges all the API serves (channels last:
 * ChannelsIT), so no request is refused as 501 {@code engine-unsupported} on either engine any more.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnginesIT {

    private static final String OWNER = "5511999990011";
    private static final String CUSTOMER = "5511988880012";

    @Parameter
    EngineKind engine;

    private Path workDir;
    private PodAgainstSimulator world;
    private Conversation conversation;
    private int device;

    @BeforeParameterizedClassInvocation
    void startPodAgainstSimulator() throws Exception {
        workDir = Files.createTempDirectory(Path.of("target"), "engines-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "loja-" + engine.name().toLowerCase(), BaileysBridge.environment(engine));
        conversation = new Conversation(world);
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void scanningTheQrLinksTheSessionToThePhonesAccount() {
        device = world.startLinked(OWNER, CUSTOMER);

        JsonPath connected = world.state();
        assertThat(connected.getString("account.jid")).isEqualTo(OWNER + "@s.whatsapp.net");
        assertThat(connected.getString("account.phoneNumber")).isEqualTo(OWNER);
    }

    @Test
    @Order(2)
    void aCustomersTextIsStoredAsIncomingThenAcknowledged() {
        String waId = world.control().body(Map.of("to", OWNER, "text", "Tem pão de queijo?"))
                .post("/api/phones/" + CUSTOMER + "/messages").then().statusCode(202).extract().path("id");

        await().atMost(PATIENCE).until(world::incomingTexts, texts -> texts.contains("Tem pão de queijo?"));
        // WhatsApp keeps delivering a message until the device acknowledges it
        await().atMost(PATIENCE).until(() -> world.messagesAcked(OWNER, device), acked -> acked.contains(waId));
        // the customer's phone shows two ticks while nobody has read the text (the session reads no chat by itself)
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(world.control().get("/api/phones/" + CUSTOMER + "/sent").jsonPath()
                .getString("find { it.id == '" + waId + "' }.status")).as("the text's ticks on the customer's phone").isEqualTo("delivered"));
        world.api().get("/chats/" + CUSTOMER + "@s.whatsapp.net").then().statusCode(200).body("unreadCount", equalTo(1));
    }

    @Test
    @Order(3)
    void aTextSentThroughTheApiReachesThePhoneAndItsReceiptsFollow() {
        var sent = conversation.sendThroughApiUntilThePhoneHasIt(CUSTOMER, "Temos, saiu agora.");

        conversation.assertReceiptsMoveToDeliveredThenRead(CUSTOMER, sent);
    }

    @Test
    @Order(4)
    void aRestartedPodLogsInWithoutAQrAndKeepsReceiving() throws Exception {
        long before = world.lastEventId();

        world.restartPod();

        world.awaitPhase("Connected");
        assertThat(world.eventsAfter("session.qr", before)).isEmpty();
        world.control().body(Map.of("to", OWNER, "text", "Ainda tem?"))
                .post("/api/phones/" + CUSTOMER + "/messages").then().statusCode(202);
        await().atMost(PATIENCE).until(world::incomingTexts, texts -> texts.contains("Ainda tem?"));
        conversation.sendThroughApiUntilThePhoneHasIt(CUSTOMER, "Tem sim.");
    }

    /** Cobalt's pairing code is PairingCodeIT's: this proves the Baileys bridge's logout, reset keys and code linking. */
    @Test
    @Order(5)
    void aLoggedOutBaileysSessionLinksAgainByPairingCode() {
        assumeTrue(engine == EngineKind.Baileys, "Cobalt's pairing code: PairingCodeIT");

        world.api().post("/logout").then().statusCode(200);
        assertThat(world.state().getString("account")).isNull();
        String code = world.api().body(Map.of("phoneNumber", "+" + OWNER)).post("/pairing-code")
                .then().statusCode(200).extract().path("code");
        await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> world.control().body(Map.of("code", code))
                .post("/api/phones/" + OWNER + "/pairing-code").then().statusCode(202));

        assertThat(world.awaitPhase("Connected").getString("account.jid")).isEqualTo(OWNER + "@s.whatsapp.net");
        conversation.sendThroughApiUntilThePhoneHasIt(CUSTOMER, "De volta.");
    }
}
