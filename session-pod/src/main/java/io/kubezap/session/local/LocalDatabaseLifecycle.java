package io.kubezap.session.local;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Makes the application wait for local mode's database before it starts, and tells it when it has finished stopping. */
@Singleton
public class LocalDatabaseLifecycle {

    /** Runs before every other start-up observer (the schema check, the session): they need the database. */
    void started(@Observes @Priority(1) StartupEvent startup) {
        LocalDatabase.awaitServer();
        LocalDatabase.applicationStarted();
    }

    /** Runs after every other shutdown observer (default priority 2500), e.g. the outbound worker's and the engine's. */
    void stopped(@Observes @Priority(Integer.MAX_VALUE) ShutdownEvent shutdown) {
        LocalDatabase.applicationStopped();
    }
}
