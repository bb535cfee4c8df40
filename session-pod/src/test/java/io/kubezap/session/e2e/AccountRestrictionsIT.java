package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import io.restassured.RestAssured;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What WhatsApp lets the account start (wa-simulator's README, "Privacy tokens": the reach-out timelock and the new-chat
 * cap, their {@code w:mex} answers and notices) is what users see, on both engines: {@code GET /account/restrictions},
 * the {@code account.restriction} event, the state document the operator reads, and the pod's metrics.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccountRestrictionsIT {

    private static final String OWNER = "5511999990081";
    private static final String CUSTOMER = "5511988880082";
    private static final String NEW_CUSTOMER = "5511988880083";
    private static final Instant LOCKED_BEFORE_LINKING = Instant.now().plus(Duration.ofHours(5)).truncatedTo(ChronoUnit.SECONDS);

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;
    private Conversation conversation;

    @BeforeParameterizedClassInvocation
    void linkATimelockedAccount() throws Exception {
        var workDir = Files.createTempDirectory(Path.of("target"), "restrictions-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "restricted-" + engine.name().toLowerCase(), BaileysBridge.environment(engine));
        conversation = new Conversation(world);
        world.createPhone(OWNER, "Loja");
        world.createPhone(CUSTOMER, "Cliente");
        world.createPhone(NEW_CUSTOMER, "Nova");
        // no linked device hears of this one: the session learns it by asking when it connects
        timelock(LOCKED_BEFORE_LINKING.toString());
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
    void aTimelockWhatsAppHadSetBeforeTheSessionConnectedIsShownWithItsEnd() {
        var shown = awaitRestrictions(restrictions -> restrictions.getBoolean("reachoutTimelock.active"));

        assertThat(shown.getString("reachoutTimelock.timeEnforcementEnds")).isEqualTo(LOCKED_BEFORE_LINKING.toString());
        assertThat(shown.getString("reachoutTimelock.enforcementType")).isNotBlank().isNotEqualTo("DEFAULT");
        assertThat(world.state().getString("restrictions.reachoutTimelock.timeEnforcementEnds")).as("the state the operator reads")
                .isEqualTo(LOCKED_BEFORE_LINKING.toString());
        assertThat(metric("kubezap_session_reachout_timelocked")).hasValue(1.0);
        assertThat(metric("kubezap_session_reachout_timelock_end_timestamp_seconds"))
                .hasValue((double) LOCKED_BEFORE_LINKING.getEpochSecond());
        assertThat(world.events("account.restriction")).as("announced").isNotEmpty()
                .anySatisfy(event -> assertThat(String.valueOf(PodAgainstSimulator.payload(event).get("reachoutTimelock")))
                        .contains("active=true").contains(LOCKED_BEFORE_LINKING.toString()));
    }

    @Test
    @Order(2)
    void liftedByWhatsAppTheTimelockIsClearedEverywhere() {
        long before = world.lastEventId();

        timelock(null);

        var shown = awaitRestrictions(restrictions -> !restrictions.getBoolean("reachoutTimelock.active"));
        assertThat(shown.getString("reachoutTimelock.timeEnforcementEnds")).isNull();
        assertThat(metric("kubezap_session_reachout_timelocked")).hasValue(0.0);
        assertThat(metric("kubezap_session_reachout_timelock_end_timestamp_seconds")).hasValueSatisfying(end -> assertThat(end).isNaN());
        assertThat(world.eventsAfter("account.restriction", before)).as("the lifting announced").singleElement()
                .satisfies(event -> assertThat(String.valueOf(PodAgainstSimulator.payload(event).get("reachoutTimelock")))
                        .contains("active=false"));
    }

    @Test
    @Order(3)
    void aTimelockWhatsAppSetsWhileConnectedIsShownAtOnce() {
        var until = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        long before = world.lastEventId();

        timelock(until.toString());

        var shown = awaitRestrictions(restrictions -> until.toString().equals(restrictions.getString("reachoutTimelock.timeEnforcementEnds")));
        assertThat(shown.getBoolean("reachoutTimelock.active")).isTrue();
        assertThat(world.eventsAfter("account.restriction", before)).isNotEmpty();
        assertThat(metric("kubezap_session_reachout_timelocked")).hasValue(1.0);
        timelock(null);
        awaitRestrictions(restrictions -> !restrictions.getBoolean("reachoutTimelock.active"));
    }

    @Test
    @Order(4)
    void theNewChatQuotaIsShownAndCountsTheChatsTheAccountStarts() {
        world.control().body(Map.of("total", 2)).put("/api/phones/" + OWNER + "/capping").then().statusCode(200);
        var capped = awaitRestrictions(restrictions -> Integer.valueOf(2).equals(restrictions.get("newChatMessageCap.totalQuota")));
        assertThat(capped.getInt("newChatMessageCap.remainingQuota")).isEqualTo(2);
        assertThat(capped.getString("newChatMessageCap.cycleEndsAt")).isNotNull();
        assertThat(metric("kubezap_session_new_chat_quota_remaining")).hasValue(2.0);

        conversation.sendThroughApiUntilThePhoneHasIt(NEW_CUSTOMER, "Olá! Seu pedido chegou.");

        var counted = awaitRestrictions(restrictions -> Integer.valueOf(1).equals(restrictions.get("newChatMessageCap.usedQuota")));
        assertThat(counted.getInt("newChatMessageCap.remainingQuota")).isEqualTo(1);
        assertThat(metric("kubezap_session_new_chat_quota_remaining")).hasValue(1.0);
    }

    private void timelock(String until) {
        var body = new HashMap<String, Object>();
        body.put("until", until);
        world.control().body(body).put("/api/phones/" + OWNER + "/timelock").then().statusCode(200);
    }

    private JsonPath awaitRestrictions(java.util.function.Predicate<JsonPath> shows) {
        return await().atMost(PATIENCE).ignoreExceptions().until(
                () -> world.api().get("/account/restrictions").then().statusCode(200).extract().jsonPath(), shows);
    }

    /** One unlabelled series of the pod's /q/metrics, as Prometheus would scrape it. */
    private Optional<Double> metric(String name) {
        return RestAssured.get(world.managementUrl() + "/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith(name + " "))
                .map(line -> Double.valueOf(line.substring(name.length() + 1).trim()))
                .findFirst();
    }
}
