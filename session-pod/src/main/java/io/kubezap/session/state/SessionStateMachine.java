package io.kubezap.session.state;

import io.kubezap.session.metrics.SessionStateSource;
import io.kubezap.contract.SessionState;
import io.kubezap.contract.PodPhase;

import io.kubezap.session.host.HostedSession;
import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.host.scope.PerSession;
import io.kubezap.session.db.Timestamps;
import io.kubezap.session.db.WritesAwaitingDatabase;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.state.SessionTransitions.Transition;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Holds the live {@link SessionState}. Every change is appended to the state history together with its
 * events in one transaction, then published in memory and as a {@link SessionStateChanged} CDI event. One per hosted
 * session.
 */
@PerSession
public class SessionStateMachine implements SessionStateSource {

    private static final Logger LOG = Logger.getLogger(SessionStateMachine.class);

    private final StateHistoryRepository history;
    private final StateChanges recorded;
    private final Event<SessionStateChanged> changes;
    private final WritesAwaitingDatabase awaitingDatabase;
    private volatile SessionState current;
    private final AtomicLong reconnectStalls = new AtomicLong();

    public SessionStateMachine(HostedSessions sessions, StateHistoryRepository history, StateChanges recorded,
                               Event<SessionStateChanged> changes, WritesAwaitingDatabase awaitingDatabase) {
        HostedSession session = sessions.current();
        this.history = history;
        this.recorded = recorded;
        this.changes = changes;
        this.awaitingDatabase = awaitingDatabase;
        this.current = SessionState.starting(session.name(), session.namespace());
    }

    @Override
    public SessionState current() {
        return current;
    }

    @Override
    public long reconnectStalls() {
        return reconnectStalls.get();
    }

    /**
     * Continues from the last recorded state: account (when the key store is still paired), last connection
     * and reconnect count survive a restart; the phase starts over.
     */
    public synchronized void restore(boolean paired) {
        SessionState start = SessionState.starting(current.name(), current.namespace());
        SessionState restored = history.latest()
                .map(last -> new SessionState(start.name(), start.namespace(), PodPhase.Starting, null, null,
                        paired ? last.account() : null, last.lastConnectedAt(), last.reconnects(), last.lastError(), null, null))
                .orElse(start);
        record(new Transition(restored, List.of()), Timestamps.now());
    }

    public synchronized void apply(EngineEvent event) {
        Instant now = Timestamps.now();
        if (event instanceof EngineEvent.Disconnected drop && SessionState.LastError.RECONNECT_STALLED.equals(drop.reason())) {
            reconnectStalls.incrementAndGet();
        }
        logConnection(event);
        Transition transition = SessionTransitions.apply(current, event, now);
        if (transition.changed(current)) {
            record(transition, now);
        }
    }

    /**
     * The connection's course in the pod's log, whichever engine reports it: without it a session stuck in
     * {@code Reconnecting} (a crash run's pod once stayed so for two minutes) leaves nothing to read after the fact.
     */
    private static void logConnection(EngineEvent event) {
        switch (event) {
            case EngineEvent.Connecting attempt -> LOG.infof("Connecting to WhatsApp (attempt %d)", attempt.attempt());
            case EngineEvent.Connected ignored -> LOG.info("Connected to WhatsApp");
            case EngineEvent.Disconnected drop -> LOG.infof("Disconnected from WhatsApp (%s: %s); %s", drop.reason(), drop.message(),
                    drop.retryAt() == null ? "not reconnecting" : "next attempt at " + drop.retryAt());
            case EngineEvent.LoggedOut out -> LOG.warnf("Logged out of WhatsApp (%s: %s)", out.reason(), out.message());
            case EngineEvent.Banned banned -> LOG.warnf("WhatsApp refuses the account (%s: %s)", banned.reason(), banned.message());
            default -> {
            }
        }
    }

    /** Records the session crossing its storage quota (null: below it again). */
    public synchronized void storageQuota(SessionState.StorageQuota quota) {
        Instant now = Timestamps.now();
        record(new Transition(current.withStorageQuota(quota), List.of()), now);
    }

    /** Records the automatic replies dropped since the pod started, as published (not per message). */
    public synchronized void autoRepliesDropped(SessionState.AutoRepliesDropped dropped) {
        Instant now = Timestamps.now();
        record(new Transition(current.withAutoRepliesDropped(dropped), List.of()), now);
    }

    /** Records each repair the engine made to its key store (see {@link WhatsAppEngine#takeStoreRepairs()}). */
    public synchronized void storeRepaired(List<WhatsAppEngine.StoreRepair> repairs) {
        for (WhatsAppEngine.StoreRepair repair : repairs) {
            LOG.warnf("%s: %s", repair.reason(), repair.message());
            Instant now = Timestamps.now();
            record(SessionTransitions.storeRepaired(current, repair, now), now);
        }
    }

    private void record(Transition transition, Instant now) {
        try {
            awaitingDatabase.writeOrKeep(recorded, new StateChanges.Change(transition.next(), transition.events(), now));
        } catch (RuntimeException e) {
            // not the database away (that write waits): the live state matters more than its history, keep serving it
            LOG.errorf(e, "Could not record session state %s", transition.next().phase());
        }
        SessionState before = current;
        current = transition.next();
        changes.fire(new SessionStateChanged(before, current));
    }
}
