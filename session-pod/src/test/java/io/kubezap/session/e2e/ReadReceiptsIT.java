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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * {@code spec.readReceipts} on the packaged pod against the simulator, as the writers' phones see it: with
 * {@code autoMarkRead: Direct} a customer's one-to-one message shows read on the customer's phone as soon as the
 * session stored it, while the same customer's message in a group shows delivered until the session reads the group,
 * then read; with {@code send: false} (and
 * {@code autoMarkRead: All}) the account's privacy says so at WhatsApp, its companion still reads the message (its own
 * phone hears of it), and the writer never sees it read. Run once per engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadReceiptsIT {

    private static final String OWNER = "5511999990057";
    private static final String CUSTOMER = "5511988880057";
    private static final String CUSTOMER_JID = CUSTOMER + "@s.whatsapp.net";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;
    private String group;
    private String inGroup;

    @BeforeParameterizedClassInvocation
    void startAConnectedSessionThatReadsOneToOneChats() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "read-receipts-it-" + engine + "-");
        var environment = new HashMap<>(BaileysBridge.environment(engine));
        environment.put("KUBEZAP_READ_RECEIPTS_AUTO_MARK_READ", "Direct");
        world = PodAgainstSimulator.create(workDir, "loja-57", environment);
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
    void aOneToOneMessageIsReadAsItArrivesAndAGroupMessageIsNot() {
        group = world.api().body(Map.of("subject", "Equipe", "participants", List.of(CUSTOMER_JID)))
                .post("/groups").then().statusCode(201).extract().path("jid");
        inGroup = world.control().body(Map.of("from", CUSTOMER, "text", "No grupo"))
                .post("/api/groups/" + group + "/messages").then().statusCode(201).extract().path("id");
        await().atMost(PATIENCE).until(() -> world.api().queryParam("chat", group).get("/messages").jsonPath()
                .<String>getList("items.waMessageId").contains(inGroup));
        String direct = phoneWrites("Oi, só comigo");

        await().atMost(PATIENCE).until(() -> "read".equals(statusAtWriter(direct)));
        world.api().get("/chats/" + CUSTOMER_JID).then().statusCode(200).body("unreadCount", equalTo(0));
        // marked one chat at a time in arrival order: the group's message came first and is still unread
        world.api().get("/chats/" + group).then().statusCode(200).body("unreadCount", equalTo(1));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(statusAtWriter(inGroup))
                .as("the group message's ticks at its writer while the session has not read it").isEqualTo("delivered"));
    }

    @Test
    @Order(2)
    void aGroupMessageTheSessionReadsTurnsBlueOnItsWritersPhone() {
        world.api().post("/chats/" + group + "/read").then().statusCode(200);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(statusAtWriter(inGroup))
                .as("the writer's ticks once the session read the group message (its read receipt must name the writer)")
                .isEqualTo("read"));
    }

    @Test
    @Order(3)
    void withReadReceiptsOffTheCompanionReadsAndTheWriterNeverSeesIt() throws Exception {
        world.setEnvironment("KUBEZAP_READ_RECEIPTS_AUTO_MARK_READ", "All");
        world.setEnvironment("KUBEZAP_READ_RECEIPTS_SEND", "false");
        world.restartPod();
        world.awaitPhase("Connected");
        await().atMost(PATIENCE).until(() -> "none".equals(world.control().get("/api/phones/" + OWNER + "/privacy")
                .jsonPath().getString("readreceipts")));

        String unseen = phoneWrites("Você leu?");

        await().atMost(PATIENCE).until(() -> world.control().get("/api/phones/" + OWNER + "/read-on-other-devices")
                .jsonPath().<String>getList("$").contains(unseen));
        world.api().get("/chats/" + CUSTOMER_JID).then().statusCode(200).body("unreadCount", equalTo(0));
        // read by the companion (above), and the writer's ticks never turn read: sent, or delivered once that receipt came
        assertThat(statusAtWriter(unseen)).isIn("sent", "delivered");
    }

    /** The customer writes to the session one-to-one; the message's WhatsApp id once the session stored it. */
    private String phoneWrites(String text) {
        String id = world.control().body(Map.of("to", OWNER, "text", text)).post("/api/phones/" + CUSTOMER + "/messages")
                .then().statusCode(202).extract().path("id");
        await().atMost(PATIENCE).until(() -> world.api().queryParam("chat", CUSTOMER_JID).get("/messages").jsonPath()
                .<String>getList("items.waMessageId").contains(id));
        return id;
    }

    /** The message's ticks as the customer's phone shows them: sent, delivered or read. */
    private String statusAtWriter(String waId) {
        return world.control().get("/api/phones/" + CUSTOMER + "/sent").jsonPath()
                .getString("find { it.id == '" + waId + "' }.status");
    }
}
