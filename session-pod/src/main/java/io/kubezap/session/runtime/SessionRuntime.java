package io.kubezap.session.runtime;

import io.kubezap.session.chatwoot.ChatwootLauncher;
import io.kubezap.session.db.WaitingWriteKind;
import io.kubezap.session.db.WritesAwaitingDatabase;
import io.kubezap.session.state.SessionStateMachine;
import io.kubezap.session.state.StateChanges;
import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.history.KeptHistoryReader;
import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.host.SessionTimers;
import io.kubezap.session.host.scope.SessionKeys;
import io.kubezap.session.keystore.sealing.KeyStoreSealing;
import io.kubezap.session.media.MediaRetention;
import io.kubezap.session.media.StorageQuota;
import io.kubezap.session.outbound.OutboundWorker;
import io.kubezap.session.retention.RowPruning;
import io.kubezap.session.sink.SinkDispatcher;
import io.kubezap.session.webhook.WebhookDispatcher;
import io.kubezap.session.host.scope.PerSession;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * Brings the session up — what waited for the database on the volume when the pod last stopped, a key store the volume lost (from its copy in PostgreSQL), restored state, engine, outbound worker, kept history batches, webhook delivery, event sinks, the Chatwoot connector, its timers (retention, media retention, storage quota) — and down at stop, each of them the session's own. Created (which validates the
 * settings: a wrong variable ends start-up with one line) and started by
 * {@link io.kubezap.session.runtime.SchemaGate} once the database schema is the one this pod needs.
 */
@PerSession
public class SessionRuntime {

    private static final Logger LOG = Logger.getLogger(SessionRuntime.class);

    private final SessionSettings settings;
    private final SessionStateMachine state;
    private final EngineEventRouter router;
    private final WhatsAppEngine engine;
    private final OutboundWorker worker;
    private final WebhookDispatcher webhooks;
    private final SinkDispatcher sinks;
    private final KeptHistoryReader keptHistory;
    private final ChatwootLauncher chatwoot;
    private final WritesAwaitingDatabase awaitingDatabase;
    private final List<WaitingWriteKind<?>> waitingWriteKinds;
    private final HostedSessions sessions;
    private final SessionTimers timers;
    private final Timed timed;
    private final KeyStoreSealing sealing;

    /** The session's periodic work, on the JVM's {@link SessionTimers}. */
    record Timed(RowPruning retention, MediaRetention mediaRetention, StorageQuota quota) {
        void start(SessionTimers timers) {
            retention.start(timers);
            mediaRetention.start(timers);
            quota.start(timers);
        }
    }

    public SessionRuntime(SessionSettings settings, SessionStateMachine state, EngineEventRouter router,
                          WhatsAppEngine engine, OutboundWorker worker, WebhookDispatcher webhooks,
                          SinkDispatcher sinks, WritesAwaitingDatabase awaitingDatabase, StateChanges stateChanges, DeliveredWrites delivered,
                          KeptHistoryReader keptHistory, ChatwootLauncher chatwoot, HostedSessions sessions,
                          SessionTimers timers, RowPruning retention, MediaRetention mediaRetention, StorageQuota quota,
                          KeyStoreSealing sealing) {
        this.sealing = sealing;
        this.sessions = sessions;
        this.timers = timers;
        this.timed = new Timed(retention, mediaRetention, quota);
        this.keptHistory = keptHistory;
        this.chatwoot = chatwoot;
        this.awaitingDatabase = awaitingDatabase;
        this.waitingWriteKinds = List.of(stateChanges, delivered);
        this.settings = settings;
        this.state = state;
        this.router = router;
        this.engine = engine;
        this.worker = worker;
        this.webhooks = webhooks;
        this.sinks = sinks;
    }

    public void start() {
        LOG.infof("Session %s/%s starting (pairing %s, %d sends/min)", settings.namespace(), settings.name(),
                settings.pairingMethod(), settings.sendRatePerMinute());
        sealing.sealBeforeTheEngineReads();
        awaitingDatabase.replay(waitingWriteKinds);
        engine.restoreLostStore();
        state.restore(engine.isPaired());
        String session = sessions.current().name();
        // the engine calls back on its own threads: each event serves the session whose engine raised it
        engine.start(event -> SessionKeys.run(session, () -> router.accept(event)));
        state.storeRepaired(engine.takeStoreRepairs());
        worker.start();
        keptHistory.start();
        webhooks.start();
        sinks.start();
        chatwoot.start();
        timed.start(timers);
    }

    /** The outputs last: what the engine reports as it stops still reaches the session's webhooks and sinks. */
    public void stop() throws InterruptedException {
        timers.stop(sessions.current().name());
        worker.stop();
        keptHistory.stop();
        engine.shutdown();
        webhooks.stop();
        sinks.stop();
        chatwoot.stop();
    }
}
