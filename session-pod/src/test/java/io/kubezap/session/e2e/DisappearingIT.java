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
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * Disappearing messages in a one-to-one chat on the packaged pod against the simulator, as the contact's phone sees them:
 * the session turns a chat's timer on (the phone's chat shows it, and the session's next message carries the chat's
 * expiration), the contact changes it and turns it off from the phone (the session keeps it, announces
 * {@code chat.disappearing}, and its messages follow), the account's default goes to WhatsApp as {@code disappearing_mode},
 * what was set is read back after a restart, a default changed on the account's phone reaches the session
 * ({@code account_sync}), and a chat takes the expiration a contact's message carries (a contact whose default timer is on
 * starts the chat). Run once per engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DisappearingIT {

    private static final String OWNER = "5511999990061";
    private static final String OWNER_JID = OWNER + "@s.whatsapp.net";
    private static final String CUSTOMER = "5511988880061";
    private static final String CUSTOMER_JID = CUSTOMER + "@s.whatsapp.net";
    private static final String STRANGER = "5511977770061";
    private static final String STRANGER_JID = STRANGER + "@s.whatsapp.net";
    private static final int WEEK = 604_800;
    private static final int DAY = 86_400;
    private static final int NINETY_DAYS = 7_776_000;

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "disappearing-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "loja-61", BaileysBridge.environment(engine));
        world.startLinked(OWNER, CUSTOMER);
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void theSessionTurnsAChatsTimerOnAndItsMessagesThenCarryIt() {
        world.api().get("/chats/" + CUSTOMER + "/disappearing").then().statusCode(200)
                .body("chat", equalTo(CUSTOMER_JID)).body("ephemeralExpiration", equalTo(0));

        world.api().body(Map.of("ephemeralExpiration", WEEK)).put("/chats/" + CUSTOMER + "/disappearing").then().statusCode(200)
                .body("ephemeralExpiration", equalTo(WEEK)).body("disappearingMessagesInChat", equalTo(true))
                .body("setBy", equalTo(OWNER_JID));

        await().atMost(PATIENCE).until(() -> timerAtCustomer(OWNER_JID), equalTo(WEEK));
        String id = sendText("Esta conversa some em 7 dias");
        assertThat(expirationAtCustomer(id)).as("the chat's expiration in the message, as WhatsApp's apps send it").isEqualTo(WEEK);
        world.api().get("/messages/" + id).then().body("ephemeralExpiration", equalTo(WEEK));
    }

    @Test
    @Order(2)
    void theContactChangesTheTimerAndTurnsItOffFromThePhone() {
        long before = world.lastEventId();
        world.control().body(Map.of("seconds", DAY)).put("/api/phones/" + CUSTOMER + "/disappearing/" + OWNER).then().statusCode(202);

        await().atMost(PATIENCE).until(() -> world.api().get("/chats/" + CUSTOMER_JID + "/disappearing").jsonPath()
                .getInt("ephemeralExpiration"), equalTo(DAY));
        world.api().get("/chats/" + CUSTOMER_JID + "/disappearing").then().body("setBy", equalTo(CUSTOMER_JID));
        assertThat(world.eventsAfter("chat.disappearing", before)).singleElement().satisfies(event ->
                assertThat(PodAgainstSimulator.payload(event)).containsEntry("chat", CUSTOMER_JID)
                        .containsEntry("ephemeralExpiration", DAY).containsEntry("by", CUSTOMER_JID).containsEntry("fromMe", false));
        assertThat(expirationAtCustomer(sendText("Agora 24 horas"))).isEqualTo(DAY);
        String fromCustomer = world.control().body(Map.of("to", OWNER, "text", "Combinado"))
                .post("/api/phones/" + CUSTOMER + "/messages").then().statusCode(202).extract().path("id");
        assertThat(world.awaitIncoming(fromCustomer)).as("the contact's message shows the expiration it carried")
                .containsEntry("ephemeralExpiration", DAY);

        world.control().body(Map.of("seconds", 0)).put("/api/phones/" + CUSTOMER + "/disappearing/" + OWNER).then().statusCode(202);
        await().atMost(PATIENCE).until(() -> world.api().get("/chats/" + CUSTOMER_JID + "/disappearing").jsonPath()
                .getInt("ephemeralExpiration"), equalTo(0));
        String plain = sendText("Sem prazo");
        assertThat(expirationAtCustomer(plain)).as("off: the message carries no expiration").isZero();
        world.api().get("/messages/" + plain).then().body("ephemeralExpiration", nullValue());
        assertThat(world.eventsAfter("chat.disappearing", before)).hasSize(2);
    }

    @Test
    @Order(3)
    void theAccountsDefaultGoesToWhatsAppAndWrongValuesAreRefused() {
        world.api().get("/privacy/disappearing").then().statusCode(200).body("ephemeralExpiration", equalTo(0));

        world.api().body(Map.of("ephemeralExpiration", NINETY_DAYS)).put("/privacy/disappearing").then().statusCode(200)
                .body("ephemeralExpiration", equalTo(NINETY_DAYS)).body("chat", nullValue());
        world.control().get("/api/phones/" + OWNER + "/disappearing").then().body("default", equalTo(NINETY_DAYS));

        world.api().body(Map.of("ephemeralExpiration", 3600)).put("/privacy/disappearing").then().statusCode(400)
                .body("errors[0].field", equalTo("ephemeralExpiration"));
        world.api().body(Map.of("ephemeralExpiration", 1234)).put("/chats/" + CUSTOMER + "/disappearing").then().statusCode(400)
                .body("type", endsWith("validation-failed"));
        world.api().body(Map.of()).put("/chats/" + CUSTOMER + "/disappearing").then().statusCode(400);
        world.api().body(Map.of("ephemeralExpiration", DAY)).put("/chats/120363000000000061@g.us/disappearing").then().statusCode(400)
                .body("errors[0].field", equalTo("jid"));
        world.control().get("/api/phones/" + OWNER + "/disappearing").then().body("default", equalTo(NINETY_DAYS));
    }

    @Test
    @Order(4)
    void whatWasSetIsReadAfterARestart() throws Exception {
        world.api().body(Map.of("ephemeralExpiration", WEEK)).put("/chats/" + CUSTOMER + "/disappearing").then().statusCode(200);
        world.restartPod();
        world.awaitPhase("Connected");

        world.api().get("/chats/" + CUSTOMER_JID + "/disappearing").then().statusCode(200).body("ephemeralExpiration", equalTo(WEEK));
        world.api().get("/privacy/disappearing").then().body("ephemeralExpiration", equalTo(NINETY_DAYS));
        assertThat(expirationAtCustomer(sendText("Depois do reinício"))).isEqualTo(WEEK);
    }

    @Test
    @Order(5)
    void theDefaultChangedOnThePhoneReachesTheSession() {
        long before = world.lastEventId();
        world.control().body(Map.of("seconds", DAY)).put("/api/phones/" + OWNER + "/disappearing").then().statusCode(202);

        await().atMost(PATIENCE).until(() -> world.api().get("/privacy/disappearing").jsonPath().getInt("ephemeralExpiration"),
                equalTo(DAY));
        assertThat(world.eventsAfter("account.disappearing", before)).singleElement().satisfies(event ->
                assertThat(PodAgainstSimulator.payload(event)).containsEntry("ephemeralExpiration", DAY));
        assertThat(world.eventsAfter("chat.disappearing", before)).as("a chat's timer did not change").isEmpty();
    }

    @Test
    @Order(6)
    void aChatFollowsTheExpirationAContactsMessageCarries() {
        world.createPhone(STRANGER, "Cliente Nova");
        world.control().body(Map.of("seconds", WEEK)).put("/api/phones/" + STRANGER + "/disappearing").then().statusCode(202);
        long before = world.lastEventId();

        String first = world.control().body(Map.of("to", OWNER, "text", "Oi, primeira vez aqui"))
                .post("/api/phones/" + STRANGER + "/messages").then().statusCode(202).extract().path("id");
        assertThat(world.awaitIncoming(first)).containsEntry("ephemeralExpiration", WEEK);

        await().atMost(PATIENCE).until(() -> world.api().get("/chats/" + STRANGER_JID + "/disappearing").jsonPath()
                .getInt("ephemeralExpiration"), equalTo(WEEK));
        world.api().get("/chats/" + STRANGER_JID + "/disappearing").then().body("setBy", equalTo(STRANGER_JID));
        assertThat(world.eventsAfter("chat.disappearing", before)).singleElement().satisfies(event ->
                assertThat(PodAgainstSimulator.payload(event)).containsEntry("chat", STRANGER_JID)
                        .containsEntry("ephemeralExpiration", WEEK).containsEntry("by", STRANGER_JID).containsEntry("fromMe", false));
        String reply = world.api().body(Map.of("to", STRANGER, "text", "Bem-vinda")).post("/messages").then().statusCode(202)
                .extract().path("id");
        world.awaitAtPhone(STRANGER, world.awaitSent(reply));
        world.api().get("/messages/" + reply).then().body("ephemeralExpiration", equalTo(WEEK));
    }

    /** Sends a text to the customer and waits until the customer's phone has it; the message's id. */
    private String sendText(String text) {
        String id = world.api().body(Map.of("to", CUSTOMER, "text", text)).post("/messages").then().statusCode(202)
                .extract().path("id");
        String waId = world.awaitSent(id);
        world.awaitAtPhone(CUSTOMER, waId);
        return id;
    }

    /** The expiration the customer's phone read in the session's message (0: none). */
    private int expirationAtCustomer(String id) {
        String waId = world.api().get("/messages/" + id).jsonPath().getString("waMessageId");
        Map<String, Integer> received = world.control().get("/api/phones/" + CUSTOMER + "/disappearing").jsonPath().getMap("received");
        return received.getOrDefault(waId, 0);
    }

    /** The timer of the chat with {@code jid} as the customer's phone shows it. */
    private int timerAtCustomer(String jid) {
        Map<String, Integer> chats = world.control().get("/api/phones/" + CUSTOMER + "/disappearing").jsonPath().getMap("chats");
        return chats.getOrDefault(jid, 0);
    }
}
