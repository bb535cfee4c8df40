package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A slow WhatsApp server (issue 84): the login IQ {@code <iq xmlns="passive"><active/></iq>} answered never or after
 * the client's 60 s wait, once or twice, and every answer delayed. Each time the linked session's socket is dropped,
 * the pod logs in on a connection the server leaves without an answer, the engine gives that login up, and the pod
 * must connect again by itself: back Connected, no QR, and the text the customer sent meanwhile stored. The same when
 * the server never completes a login ({@code <success>} held back). On both engines.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SlowServerIT {

    private static final String OWNER = "5511999990084";
    private static final String CUSTOMER = "5511988880084";
    /** A login that waits out the engines' 60 s answer timeout, once or twice, then the backoff. */
    private static final Duration PATIENCE = Duration.ofMinutes(6);

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;
    private int device;

    @BeforeParameterizedClassInvocation
    void startLinked() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "slow-server-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "padaria-" + engine.name().toLowerCase(), BaileysBridge.environment(engine));
        device = world.startLinked(OWNER, CUSTOMER);
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        world.close();
    }

    @AfterEach
    void serverBackToNormal() {
        world.control().delete("/api/answer-faults").then().statusCode(202);
    }

    @Test
    @Order(1)
    void aLoginIqNeverAnsweredOnceIsGivenUpAndTheSessionComesBack() {
        assumeCobalt();
        holdPassiveAnswers(null, 1);

        assertComesBackAfterADrop("nunca respondido");
    }

    @Test
    @Order(2)
    void aLoginIqAnsweredTooLateTwiceIsGivenUpEachTimeAndTheSessionComesBack() {
        assumeCobalt();
        holdPassiveAnswers(70_000L, 2);

        assertComesBackAfterADrop("respondido tarde");
    }

    @Test
    @Order(3)
    void everyAnswerDelayedStillLogsIn() {
        world.control().body(Map.of("millis", 3_000)).put("/api/answer-delay").then().statusCode(202);

        assertComesBackAfterADrop("servidor lento");
    }

    /** The server takes the handshake and never says {@code <success>}: the socket is open, the login never ends. */
    @Test
    @Order(4)
    void aLoginTheServerNeverCompletesIsGivenUpAndTheSessionComesBack() {
        holdLogins(null);

        assertComesBackAfterADrop("sem sucesso");
    }

    @Test
    @Order(5)
    void aLoginTheServerCompletesTooLateIsGivenUpAndTheSessionComesBack() {
        holdLogins(150_000L);

        assertComesBackAfterADrop("sucesso tarde");
    }

    private void holdLogins(Long lateByMillis) {
        var hold = new HashMap<String, Object>(Map.of("stanza", "success", "times", 1));
        if (lateByMillis != null) {
            hold.put("lateByMillis", lateByMillis);
        }
        world.control().body(hold).post("/api/answer-faults").then().statusCode(202);
    }

    /**
     * Baileys 7 (rc14, {@code socket.js}, {@code CB:success}) logs in without the answer to its passive IQ (it warns and
     * opens), so a held answer makes it neither end nor reconnect: there is nothing to come back from.
     */
    private void assumeCobalt() {
        assumeTrue(engine == EngineKind.Cobalt, "Baileys logs in without the passive IQ's answer: no login to give up");
    }

    private void holdPassiveAnswers(Long lateByMillis, int times) {
        var hold = new HashMap<String, Object>(Map.of("xmlns", "passive", "child", "active", "times", times));
        if (lateByMillis != null) {
            hold.put("lateByMillis", lateByMillis);
        }
        world.control().body(hold).post("/api/answer-faults").then().statusCode(202);
    }

    /**
     * Drops the socket while the customer writes. The device connects again, as often as the held answers make it: the
     * server has held back every answer it was told to, the device's current connection finished its login (its
     * passive IQ answered) and the session is Connected as the same account, without a QR on the way; the text sent
     * meanwhile and one sent afterwards are both stored.
     */
    private void assertComesBackAfterADrop(String text) {
        assertThat(world.state().getString("phase")).isEqualTo("Connected");
        long before = world.lastEventId();

        world.injectFault(OWNER, device, "drop");
        world.control().body(Map.of("to", OWNER, "text", text)).post("/api/phones/" + CUSTOMER + "/messages")
                .then().statusCode(202);

        try {
            await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
                assertThat(world.control().get("/api/answer-faults").jsonPath().getList("remaining", Integer.class))
                        .as("answers still to hold back").allMatch(remaining -> remaining == 0);
                assertThat(currentConnectionLoggedIn()).as("the device's current connection finished its login").isTrue();
                assertThat(world.state().getString("phase")).isEqualTo("Connected");
            });
        } catch (ConditionTimeoutException stuck) {
            throw new AssertionError("the session did not come back; " + world.whatBothSidesSay(), stuck);
        }
        assertThat(world.state().getString("account.jid")).isEqualTo(OWNER + "@s.whatsapp.net");
        assertThat(world.eventsAfter("session.qr", before)).isEmpty();
        assertThat(world.eventsAfter("session.logged_out", before)).isEmpty();
        String after = text + ", de novo";
        world.control().body(Map.of("to", OWNER, "text", after)).post("/api/phones/" + CUSTOMER + "/messages")
                .then().statusCode(202);
        await().atMost(PATIENCE).until(world::incomingTexts, texts -> texts.contains(text) && texts.contains(after));
    }

    /** Whether the device's open connection sent its passive IQ and the server answered it. */
    private boolean currentConnectionLoggedIn() {
        Object current = world.control().get("/api/connections").jsonPath().get("find { it.state == 'ESTABLISHED' && it.deviceJid != null"
                + " && it.deviceJid.startsWith('" + OWNER + ":" + device + "@') }.id");
        if (current == null) {
            return false;
        }
        List<String> passiveIds = world.control().get("/api/connections/" + current + "/nodes").jsonPath()
                .getList("findAll { it.tag == 'iq' && it.attributes.xmlns == 'passive' }.attributes.id", String.class);
        List<String> answered = world.control().get("/api/connections/" + current + "/sent-nodes").jsonPath()
                .getList("findAll { it.tag == 'iq' && it.attributes.type == 'result' }.attributes.id", String.class);
        return passiveIds.stream().anyMatch(answered::contains);
    }
}
