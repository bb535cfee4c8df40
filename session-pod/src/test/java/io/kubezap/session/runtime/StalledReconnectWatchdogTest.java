package io.kubezap.session.runtime;

import io.kubezap.session.host.SessionTimers;
import io.kubezap.contract.PodPhase;
import io.kubezap.contract.SessionState;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.state.SessionTransitions;
import io.kubezap.session.testing.MutableClock;
import io.kubezap.session.testing.SimulatedWhatsApp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 84: a session left {@code Reconnecting} by an engine that went silent comes back. */
class StalledReconnectWatchdogTest {

    private static final Duration SILENCE = Duration.ofSeconds(150);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-28T07:47:05Z"));
    private final RestartCounting engine = new RestartCounting();
    private final List<EngineEvent> reported = new CopyOnWriteArrayList<>();
    private volatile SessionState state = SessionState.starting("shop", "default");
    private final StalledReconnectWatchdog watchdog =
            new StalledReconnectWatchdog(engine, () -> state.phase(), this::reported, SILENCE, clock, new SessionTimers());

    @BeforeEach
    void linkedAndConnected() {
        engine.start(this::fromEngine);
        engine.scanQr();
        assertThat(state.phase()).isEqualTo(PodPhase.Connected);
    }

    @Test
    void aSessionLeftReconnectingBySilentEngineIsRestartedOnceAndTheStallRecorded() {
        engine.dropConnection();
        clock.advance(SILENCE);
        watchdog.tick();
        assertThat(engine.restarts).as("silent for exactly the bound: not yet").isZero();

        clock.advance(Duration.ofMillis(1));
        watchdog.tick();
        watchdog.tick();

        assertThat(engine.restarts).isEqualTo(1);
        assertThat(reported).filteredOn(EngineEvent.Disconnected.class::isInstance).singleElement()
                .satisfies(stall -> assertThat(((EngineEvent.Disconnected) stall).reason())
                        .isEqualTo(SessionState.LastError.RECONNECT_STALLED));
        assertThat(state.phase()).as("the restart brought it back").isEqualTo(PodPhase.Connected);
    }

    @Test
    void anEngineThatStaysSilentAfterTheRestartIsRestartedAgainOnlyAfterAnotherSilence() {
        engine.answersRestart = false;
        engine.dropConnection();
        clock.advance(SILENCE.plusMillis(1));
        watchdog.tick();
        assertThat(engine.restarts).isEqualTo(1);

        clock.advance(SILENCE);
        watchdog.tick();
        assertThat(engine.restarts).isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        watchdog.tick();
        assertThat(engine.restarts).isEqualTo(2);
        assertThat(reported).hasSize(2);
        assertThat(state.phase()).isEqualTo(PodPhase.Reconnecting);
        assertThat(state.lastError().reason()).isEqualTo(SessionState.LastError.RECONNECT_STALLED);
    }

    @Test
    void attemptsUnderWayKeepTheWatchdogQuietHoweverLongTheyTake() {
        engine.dropConnection();
        for (var attempt = 2; attempt < 20; attempt++) {
            clock.advance(SILENCE);
            engine.emit(new EngineEvent.Disconnected("Timeout", "no socket", clock.instant().plusSeconds(60)));
            clock.advance(SILENCE);
            engine.emit(new EngineEvent.Connecting(attempt));
            watchdog.tick();
        }

        assertThat(state.phase()).isEqualTo(PodPhase.Reconnecting);
        assertThat(engine.restarts).isZero();
        assertThat(reported).isEmpty();
    }

    @Test
    void aConnectedSessionIsLeftAloneHoweverQuiet() {
        clock.advance(Duration.ofDays(2));
        watchdog.tick();

        assertThat(engine.restarts).isZero();
        assertThat(reported).isEmpty();
    }

    @Test
    void aSessionWhoseEngineStoppedOnPurposeIsLeftAlone() {
        engine.emit(new EngineEvent.Disconnected("KeyStoreTakenOver", "another pod of this session took its WhatsApp key store", null));
        clock.advance(Duration.ofDays(2));
        watchdog.tick();

        assertThat(state.phase()).isEqualTo(PodPhase.Reconnecting);
        assertThat(engine.restarts).isZero();
        assertThat(reported).isEmpty();
    }

    private void fromEngine(EngineEvent event) {
        watchdog.activity(event);
        state = SessionTransitions.apply(state, event, clock.instant()).next();
    }

    private void reported(EngineEvent event) {
        reported.add(event);
        state = SessionTransitions.apply(state, event, clock.instant()).next();
    }

    /** The simulated engine, counting restarts; one that stops answering them stays silent, as a wedged engine does. */
    private static final class RestartCounting extends SimulatedWhatsApp {
        int restarts;
        boolean answersRestart = true;

        @Override
        public void restart() {
            restarts++;
            if (answersRestart) {
                super.restart();
            }
        }
    }
}
