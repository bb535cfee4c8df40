package io.kubezap.session.host;

import io.kubezap.session.host.scope.SessionKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A host's sessions share one timer thread: each turn serves the session that set it, and stops with that session. */
class SessionTimersTest {

    private static final Duration OFTEN = Duration.ofMillis(20);

    private final SessionTimers timers = new SessionTimers();
    private final List<String> turns = new CopyOnWriteArrayList<>();

    @AfterEach
    void release() {
        timers.shutdown();
        List.of("loja-01", "loja-02").forEach(SessionKeys::release);
    }

    @Test
    void eachTurnServesTheSessionThatSetItsTimerUntilThatSessionStops() {
        for (String session : List.of("loja-01", "loja-02")) {
            SessionKeys.hold(session);
            SessionKeys.run(session, () -> timers.every("Retention pruning", OFTEN, OFTEN,
                    () -> turns.add(session + " served " + SessionKeys.current().orElse("none"))));
        }
        await().until(() -> turns.contains("loja-01 served loja-01") && turns.contains("loja-02 served loja-02"));
        assertThat(turns).allMatch(turn -> turn.equals("loja-01 served loja-01") || turn.equals("loja-02 served loja-02"));

        timers.stop("loja-01");
        int before = turns.size();
        await().until(() -> turns.size() > before + 3);

        assertThat(turns.subList(before + 1, turns.size())).as("turns after loja-01 stopped").containsOnly("loja-02 served loja-02");
        assertThat(timers.count("loja-01")).isZero();
        assertThat(timers.count("loja-02")).isOne();
    }

    @Test
    void aTurnThatFailsLeavesItsTimerRunning() {
        SessionKeys.hold("loja-01");
        SessionKeys.run("loja-01", () -> timers.every("Storage quota", OFTEN, OFTEN, () -> {
            turns.add("turn");
            throw new IllegalStateException("database away");
        }));

        await().until(() -> turns.size() >= 3);
    }
}
