package io.kubezap.session.local;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/** Tells local mode's database when the application is up and when it has finished stopping. */
@Singleton
public class LocalDatabaseLifecycle {

    void started(@Observes StartupEvent startup) {
        LocalDatabase.applicationStarted();
    }

    /** Runs after every other shutdown observer (default priority 2500), e.g. the outbound worker's and the engine's. */
    void stopped(@Observes @Priority(Integer.MAX_VALUE) ShutdownEvent shutdown) {
        LocalDatabase.applicationStopped();
    }
}
