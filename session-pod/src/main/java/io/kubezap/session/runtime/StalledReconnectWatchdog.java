package io.kubezap.session.runtime;

import io.kubezap.contract.PodPhase;
import io.kubezap.contract.SessionState;
import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.host.SessionTimers;
import io.kubezap.session.host.scope.PerSession;
import io.kubezap.session.state.SessionStateChanged;
import io.kubezap.session.state.SessionStateMachine;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The last resort behind each engine's own reconnect (issue 84): a session {@code Reconnecting} with no engine event
 * (no attempt, no drop, nothing) for longer than {@code silence} has no attempt pending, whatever the engine believes;
 * the engine is asked to connect again ({@link WhatsAppEngine#restart()}) and the stall recorded as a drop with reason
 * {@code ReconnectStalled} ({@code kubezap_session_reconnect_stalls_total}). At most one restart per silence: the restart
 * itself starts the wait again. A drop the engine reported with no {@code retryAt} (it stopped on purpose) is left alone.
 * Ticks only once the session has first been {@code Reconnecting}, and reads no database. Each session its own, its
 * ticks on the JVM's {@link SessionTimers} until the session stops.
 */
@PerSession
public class StalledReconnectWatchdog {

    private static final Logger LOG = Logger.getLogger(StalledReconnectWatchdog.class);
    /**
     * Past the longest an engine stays silent while reconnecting: its backoff's 60 s cap before an attempt, or a 30 s
     * connect timeout plus the login deadline after one.
     */
    private static final Duration ATTEMPT_ALLOWANCE = Duration.ofSeconds(60);
    private static final Duration TICK = Duration.ofSeconds(5);

    private final WhatsAppEngine engine;
    private final Supplier<PodPhase> phase;
    private final Consumer<EngineEvent> report;
    private final Duration silence;
    private final Clock clock;
    private volatile Instant lastActivity;
    private volatile boolean attemptOwed = true;
    private final SessionTimers timers;
    private boolean ticking;

    @Inject
    public StalledReconnectWatchdog(WhatsAppEngine engine, SessionStateMachine state, SessionConfig config,
                                    SessionTimers timers) {
        this(engine, () -> state.current().phase(), state::apply, config.login().timeout().plus(ATTEMPT_ALLOWANCE),
                Clock.systemUTC(), timers);
    }

    StalledReconnectWatchdog(WhatsAppEngine engine, Supplier<PodPhase> phase, Consumer<EngineEvent> report,
                             Duration silence, Clock clock, SessionTimers timers) {
        this.timers = timers;
        this.engine = engine;
        this.phase = phase;
        this.report = report;
        this.silence = silence;
        this.clock = clock;
        this.lastActivity = clock.instant();
    }

    /** The engine reported {@code event}: it is alive, the wait starts again. */
    public void activity(EngineEvent event) {
        lastActivity = clock.instant();
        if (event instanceof EngineEvent.Disconnected drop) {
            // no retryAt: the engine stopped on purpose (another pod took the key store), so no attempt is owed
            attemptOwed = drop.retryAt() != null;
        } else if (event instanceof EngineEvent.Connecting) {
            attemptOwed = true;
        }
    }

    /** Restarts the engine when the session has been {@code Reconnecting} and silent for longer than {@code silence}. */
    void tick() {
        Instant now = clock.instant();
        Duration silent = Duration.between(lastActivity, now);
        if (phase.get() != PodPhase.Reconnecting || !attemptOwed || silent.compareTo(silence) <= 0) {
            return;
        }
        lastActivity = now;
        String why = "no reconnect attempt for " + silent.toSeconds() + " s; the engine was asked to connect again";
        LOG.warn(why);
        // recorded before the restart, so that the engine's own report of it comes after and sets the phase
        report.accept(new EngineEvent.Disconnected(SessionState.LastError.RECONNECT_STALLED, why, now));
        engine.restart();
    }

    synchronized void onStateChanged(@Observes SessionStateChanged change) {
        if (!ticking && change.after().phase() == PodPhase.Reconnecting) {
            ticking = true;
            timers.every("The stalled-reconnect watchdog", TICK, TICK, this::tick);
        }
    }
}
