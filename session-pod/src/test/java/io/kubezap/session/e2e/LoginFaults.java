package io.kubezap.session.e2e;

import org.awaitility.core.ConditionTimeoutException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The simulator's login faults (issue 84) for one linked session, and what a user must see after each: the session
 * back Connected as the same account, without a QR, and nothing the customer sent lost. Shared by {@link SlowServerIT}
 * (the engines' own answer timeouts) and {@link StalledLoginIT} (the pod's login deadline).
 */
final class LoginFaults {

    /** A login that waits out the engines' 60 s answer timeout, once or twice, then the backoff. */
    private static final Duration PATIENCE = Duration.ofMinutes(6);

    private final PodAgainstSimulator world;
    private final String owner;
    private final String customer;
    private final int device;

    LoginFaults(PodAgainstSimulator world, String owner, String customer, int device) {
        this.world = world;
        this.owner = owner;
        this.customer = customer;
        this.device = device;
    }

    void serverBackToNormal() {
        world.control().delete("/api/answer-faults").then().statusCode(202);
    }

    /** The server takes the handshake and says {@code <success>} late, or never ({@code lateByMillis} null). */
    void holdLogins(Long lateByMillis) {
        hold(new HashMap<>(Map.of("stanza", "success", "times", 1)), lateByMillis);
    }

    /** The login IQ {@code <iq xmlns="passive"><active/></iq>} answered late, or never, {@code times} times. */
    void holdPassiveAnswers(Long lateByMillis, int times) {
        hold(new HashMap<>(Map.of("xmlns", "passive", "child", "active", "times", times)), lateByMillis);
    }

    void delayEveryAnswer(int millis) {
        world.control().body(Map.of("millis", millis)).put("/api/answer-delay").then().statusCode(202);
    }

    private void hold(Map<String, Object> fault, Long lateByMillis) {
        if (lateByMillis != null) {
            fault.put("lateByMillis", lateByMillis);
        }
        world.control().body(fault).post("/api/answer-faults").then().statusCode(202);
    }

    /**
     * Drops the socket while the customer writes. The device connects again, as often as the held answers make it: the
     * server has held back every answer it was told to, the device's current connection finished its login (its
     * passive IQ answered) and the session is Connected as the same account, without a QR on the way; the text sent
     * meanwhile and one sent afterwards are both stored. Returns the id of the last event before the drop.
     */
    long assertComesBackAfterADrop(String text) {
        assertThat(world.state().getString("phase")).isEqualTo("Connected");
        long before = world.lastEventId();

        world.injectFault(owner, device, "drop");
        world.control().body(Map.of("to", owner, "text", text)).post("/api/phones/" + customer + "/messages")
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
        assertThat(world.state().getString("account.jid")).isEqualTo(owner + "@s.whatsapp.net");
        assertThat(world.eventsAfter("session.qr", before)).isEmpty();
        assertThat(world.eventsAfter("session.logged_out", before)).isEmpty();
        String after = text + ", de novo";
        world.control().body(Map.of("to", owner, "text", after)).post("/api/phones/" + customer + "/messages")
                .then().statusCode(202);
        await().atMost(PATIENCE).until(world::incomingTexts, texts -> texts.contains(text) && texts.contains(after));
        return before;
    }

    /** Whether the device's open connection sent its passive IQ and the server answered it. */
    private boolean currentConnectionLoggedIn() {
        Object current = world.control().get("/api/connections").jsonPath().get("find { it.state == 'ESTABLISHED' && it.deviceJid != null"
                + " && it.deviceJid.startsWith('" + owner + ":" + device + "@') }.id");
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
