package io.kubezap.session.runtime;

import io.kubezap.session.schema.SchemaCheck;
import io.kubezap.session.schema.SchemaReadiness;
import io.kubezap.session.schema.SchemaMigrator;
import io.kubezap.session.schema.SchemaStatus;
import io.kubezap.session.config.SessionConfig;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Starts the session (a session host: its {@link HostProcess}, which starts the sessions it is told) once the database
 * schema is the one this pod was built for. Behind (or unreadable): the pod
 * stays up but not ready, says why in {@code /q/health/ready} and the log, and looks again until the migration Job
 * has run. Newer than this pod knows: it starts if the schema says it still serves this pod's (expand/contract, so
 * that {@code helm rollback} by one release works), else start-up ends with that message. Local mode applies the
 * migrations itself,
 * being the only pod on its own database.
 */
@Singleton
public class SchemaGate {

    private static final Logger LOG = Logger.getLogger(SchemaGate.class);

    private final Provider<SessionRuntime> runtime;
    private final HostProcess host;
    private final SchemaCheck check;
    private final SchemaReadiness readiness;
    // looked up only to migrate (local mode, tests): Flyway's classes stay unloaded in a pod that just checks
    private final Instance<SchemaMigrator> migrator;
    private final boolean migrateOnly;
    private final boolean migrateAtStart;
    private final Duration recheckInterval;
    private final ScheduledExecutorService waiter = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("kubezap-schema-wait").factory());
    private volatile boolean started;

    public SchemaGate(Provider<SessionRuntime> runtime, HostProcess host, SchemaCheck check, @Readiness SchemaReadiness readiness,
                      Instance<SchemaMigrator> migrator, SessionConfig config) {
        this.runtime = runtime;
        this.host = host;
        this.check = check;
        this.readiness = readiness;
        this.migrator = migrator;
        this.migrateOnly = config.migrateOnly();
        this.migrateAtStart = config.localMode() || config.schema().migrateAtStart();
        this.recheckInterval = config.schema().recheckInterval();
    }

    void start(@Observes @Priority(100) StartupEvent startup) {
        if (migrateOnly) {
            return;
        }
        if (!host.hosting()) {
            runtime.get(); // validates the KUBEZAP_* settings before any connection attempt
        }
        // the first connection, the check and the session's start run beside the rest of start-up (the HTTP server
        // opening): ~0.15 s sooner ready on 2 CPUs; readiness still waits for the session
        waiter.execute(() -> exitOnFailure(this::firstLook));
    }

    private void firstLook() {
        LocalDatabaseLifecycle.awaitDatabase();
        SchemaStatus status = check.status();
        if (migrateAtStart && needsMigrating(status)) {
            migrator.get().migrate();
            status = check.status();
        }
        if (!startOrExit(status)) {
            LOG.warn(status.describe() + "; looking again every " + recheckInterval.toSeconds() + "s");
        }
    }

    /** A failure to migrate or to start the session ends the pod, with the cause in its log, as it did on the main thread. */
    private static void exitOnFailure(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.error("The session could not start: " + e.getMessage(), e);
            Quarkus.asyncExit(1);
        }
    }

    /** Flyway only when there is something to apply: validating a current schema cost every local start ~0.25 s. */
    private static boolean needsMigrating(SchemaStatus status) {
        return status.state() == SchemaStatus.State.BEHIND || status.state() == SchemaStatus.State.UNREACHABLE;
    }

    private void recheck() {
        SchemaStatus status = check.status();
        if (!startOrExit(status)) {
            LOG.debug(status.describe());
        }
    }

    /**
     * Records the status, then starts the session (current schema, or a newer one that serves this pod) or ends the pod
     * (a newer one that does not); false: looks again later.
     */
    private boolean startOrExit(SchemaStatus status) {
        readiness.record(status);
        switch (status.state()) {
            case CURRENT, NEWER_COMPATIBLE -> begin(status);
            case AHEAD -> {
                LOG.error(status.describe());
                Quarkus.asyncExit(1);
            }
            default -> {
                lookAgainLater();
                return false;
            }
        }
        return true;
    }

    private void lookAgainLater() {
        waiter.schedule(() -> exitOnFailure(this::recheck), recheckInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void begin(SchemaStatus status) {
        LOG.info(status.describe());
        if (host.hosting()) {
            host.start();
        } else {
            runtime.get().start();
        }
        started = true;
        readiness.sessionStarted();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        waiter.shutdownNow();
        synchronized (this) {
            if (started && host.hosting()) {
                host.stop();
            } else if (started) {
                runtime.get().stop();
            }
        }
    }
}
