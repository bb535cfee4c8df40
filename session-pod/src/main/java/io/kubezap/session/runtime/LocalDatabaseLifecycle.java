package io.kubezap.session.runtime;

import io.kubezap.session.local.LocalDatabase;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Tells local mode's database when the application has started and when it has finished stopping. */
@Singleton
public class LocalDatabaseLifecycle {

    /** The first start-up observer; what needs the database waits for it with {@link #awaitDatabase()}. */
    void started(@Observes @Priority(1) StartupEvent startup) {
        LocalDatabase.applicationStarted();
    }

    /**
     * Blocks until local mode's PostgreSQL, started beside the application, accepts connections; returns at once
     * outside local mode. Only the session's start waits (SchemaGate), so the rest of start-up goes on meanwhile.
     */
    public static void awaitDatabase() {
        LocalDatabase.awaitServer();
    }

    /** Runs after every other shutdown observer (default priority 2500), e.g. the outbound worker's and the engine's. */
    void stopped(@Observes @Priority(Integer.MAX_VALUE) ShutdownEvent shutdown) {
        LocalDatabase.applicationStopped();
    }
}
