package io.kubezap.session.state;

import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.outbound.OutboundWorker;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import org.flywaydb.core.Flyway;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Brings the session up at start — validated settings (a wrong variable ends start-up with one line), schema
 * migrations, restored state, engine, outbound worker — and down at stop.
 */
@Singleton
public class SessionRuntime {

    private static final Logger LOG = Logger.getLogger(SessionRuntime.class);

    private final SessionSettings settings;
    private final Flyway flyway;
    private final SessionStateMachine state;
    private final EngineEventRouter router;
    private final WhatsAppEngine engine;
    private final OutboundWorker worker;

    public SessionRuntime(SessionSettings settings, Flyway flyway, SessionStateMachine state, EngineEventRouter router,
                          WhatsAppEngine engine, OutboundWorker worker) {
        this.settings = settings;
        this.flyway = flyway;
        this.state = state;
        this.router = router;
        this.engine = engine;
        this.worker = worker;
    }

    void start(@Observes @Priority(100) StartupEvent startup) {
        LOG.infof("Session %s/%s starting (pairing %s, %d sends/min)", settings.namespace(), settings.name(),
                settings.pairingMethod(), settings.sendRatePerMinute());
        flyway.migrate();
        state.restore(engine.isPaired());
        engine.start(router);
        worker.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        worker.stop();
        engine.shutdown();
    }
}
