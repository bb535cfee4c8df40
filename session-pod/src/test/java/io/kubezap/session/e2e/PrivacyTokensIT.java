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
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * WhatsApp refuses a one-to-one message without the contact's privacy token with error 463 (wa-simulator's README,
 * "Privacy tokens"); on both engines the session still reaches new customers, customers who wrote first and customers
 * whose token lapsed, and a send WhatsApp keeps refusing fails with the cause named.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrivacyTokensIT {

    private static final String OWNER = "5511999990071";
    private static final String WROTE_FIRST = "5511988880072";
    private static final String NEW_CUSTOMER = "5511988880073";
    private static final String LAPSED = "5511988880074";
    private static final String STRANGER = "5511988880075";
    private static final String CAPPED_STRANGER = "5511988880076";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;
    private Conversation conversation;

    @BeforeParameterizedClassInvocation
    void startPodAgainstSimulator() throws Exception {
        var workDir = Files.createTempDirectory(Path.of("target"), "privacy-tokens-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "tokens-" + engine.name().toLowerCase(), BaileysBridge.environment(engine));
        conversation = new Conversation(world);
        world.startLinked(OWNER, WROTE_FIRST);
        world.createPhone(NEW_CUSTOMER, "Nova");
        world.createPhone(LAPSED, "Antiga");
        world.createPhone(STRANGER, "Estranho");
        world.createPhone(CAPPED_STRANGER, "Outro");
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void aReplyToACustomerWhoWroteFirstCarriesTheirTokenAndIsNeverRefused() {
        customerWrites(WROTE_FIRST, "Vocês entregam hoje?");

        var reply = conversation.sendThroughApiUntilThePhoneHasIt(WROTE_FIRST, "Entregamos sim.");

        assertThat(refusedTo(WROTE_FIRST)).as("the reply showed the token the customer's phone issued when it wrote").isEmpty();
        assertThat(reply.waMessageId()).isNotBlank();
    }

    @Test
    @Order(2)
    void theFirstMessageToACustomerWhoNeverWroteIsDelivered() {
        conversation.sendThroughApiUntilThePhoneHasIt(NEW_CUSTOMER, "Olá! Seu cadastro foi aprovado.");

        assertThat(world.control().get("/api/phones/" + OWNER + "/privacy-tokens").jsonPath().getMap("$"))
                .as("the session issued the account's token to the new customer").containsKey(NEW_CUSTOMER);
    }

    @Test
    @Order(3)
    void aWarmCustomerWhoseTokenExpiredIsReachedAfterOne463() {
        customerWrites(LAPSED, "Oi, ainda tem vaga?");
        conversation.sendThroughApiUntilThePhoneHasIt(LAPSED, "Tem sim.");
        assertThat(refusedTo(LAPSED)).isEmpty();
        // four weeks pass without the customer writing again: the token the session holds is too old for WhatsApp
        world.control().body(Map.of()).post("/api/phones/" + LAPSED + "/privacy-tokens/" + OWNER + "/expire").then().statusCode(202);

        var sent = conversation.sendThroughApiUntilThePhoneHasIt(LAPSED, "Sua vaga está garantida.");

        assertThat(refusedTo(LAPSED)).as("WhatsApp refused the lapsed token once (463); the session recovered and sent it again")
                .singleElement().satisfies(refusal -> {
                    assertThat(refusal.get("id")).isEqualTo(sent.waMessageId());
                    assertThat(refusal.get("error")).isEqualTo("463");
                });
    }

    @Test
    @Order(4)
    void aTimelockedAccountFailsASendToANewCustomerWithTheNamedReason() {
        var until = Instant.now().plus(Duration.ofHours(6)).truncatedTo(ChronoUnit.SECONDS);
        world.control().body(Map.of("until", until.toString())).put("/api/phones/" + OWNER + "/timelock").then().statusCode(200);

        try {
            var failed = sendUntilFailed(STRANGER, "Promoção de inauguração!");

            assertThat(failed.getString("failureReason")).as("the message's failure names WhatsApp's reach-out restriction")
                    .startsWith("reachout-timelocked");
            assertThat(refusedTo(STRANGER)).as("one try: no fresh token came, and each try is"
                    + " another reach-out").hasSize(1);
            assertThat(conversation.phoneInbox(STRANGER)).as("nothing reached the customer").isEmpty();
            conversation.sendThroughApiUntilThePhoneHasIt(WROTE_FIRST, "Chats que já existem continuam.");
        } finally {
            liftTimelock();
        }
    }

    @Test
    @Order(5)
    void anAccountOverItsNewChatCapFailsASendToANewCustomerWithTheNamedReason() {
        world.control().body(Map.of("total", 0)).put("/api/phones/" + OWNER + "/capping").then().statusCode(200);

        var failed = sendUntilFailed(CAPPED_STRANGER, "Conheça nossa loja");

        assertThat(failed.getString("failureReason")).as("the message's failure names the new-chat cap").startsWith("new-chat-limit");
        assertThat(conversation.phoneInbox(CAPPED_STRANGER)).isEmpty();
    }

    private void liftTimelock() {
        var lift = new HashMap<String, Object>();
        lift.put("until", null);
        world.control().body(lift).put("/api/phones/" + OWNER + "/timelock").then().statusCode(200);
    }

    private void customerWrites(String customer, String text) {
        world.control().body(Map.of("to", OWNER, "text", text)).post("/api/phones/" + customer + "/messages").then().statusCode(202);
        await().atMost(PATIENCE).until(world::incomingTexts, texts -> texts.contains(text));
    }

    private JsonPath sendUntilFailed(String to, String text) {
        String id = world.api().body(Map.of("to", to, "text", text)).post("/messages").then().statusCode(202).extract().path("id");
        return await().atMost(PATIENCE).until(() -> conversation.message(id), message -> "failed".equals(message.getString("status")));
    }

    private List<Map<String, Object>> refusedTo(String customer) {
        return world.control().get("/api/phones/" + OWNER + "/refused-messages").jsonPath().<Map<String, Object>>getList("$")
                .stream().filter(refusal -> customer.equals(refusal.get("to"))).toList();
    }
}
