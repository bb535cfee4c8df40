package io.kubezap.session.runtime;

import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.host.HostSessionApplier;
import io.kubezap.session.host.HostSessionDirectory;
import io.kubezap.session.host.HostedSessions;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A session host's loop (issue 81, record 0021): with {@code KUBEZAP_HOST_SESSIONS_DIR} set, reads the mounted
 * sessions' Secret every few seconds and starts, restarts and stops the sessions it lists. The kubelet refreshes the
 * Secret about once a minute, so a few seconds' poll adds little to that. Without it (a session pod) does nothing.
 */
@Singleton
public class HostProcess {

    private static final Logger LOG = Logger.getLogger(HostProcess.class);
    private static final long POLL_SECONDS = 5;

    private final Optional<Path> directory;
    private final HostedSessions sessions;
    private final Instance<SessionRuntime> runtime;
    private final Path hostDataRoot;
    private ScheduledExecutorService poller;

    public HostProcess(HostedSessions sessions, Instance<SessionRuntime> runtime, SessionConfig config) {
        this.directory = config.hostSessionsDir().filter(path -> !path.isBlank()).map(Path::of);
        this.sessions = sessions;
        this.runtime = runtime;
        this.hostDataRoot = Path.of(config.dataDir());
    }

    void start(@Observes @Priority(200) StartupEvent startup) {
        directory.ifPresent(this::poll);
    }

    private void poll(Path sessionsDirectory) {
        HostSessionDirectory read = new HostSessionDirectory(sessionsDirectory);
        HostSessionApplier applier = new HostSessionApplier(sessions, new NamedRuntime(runtime), hostDataRoot);
        poller = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("kubezap-host-sessions").factory());
        poller.scheduleWithFixedDelay(() -> applyOnce(read, applier), 0, POLL_SECONDS, TimeUnit.SECONDS);
        LOG.infof("Hosting the sessions listed in %s", sessionsDirectory);
    }

    private static void applyOnce(HostSessionDirectory read, HostSessionApplier applier) {
        try {
            applier.apply(read.read());
        } catch (RuntimeException failed) { // the next poll tries again: a failed read must not end the loop
            LOG.error("Reading the host's sessions failed", failed);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (poller != null) {
            poller.shutdownNow();
            poller.awaitTermination(POLL_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** The {@code @PerSession} runtime resolved under the session the applier names. */
    private record NamedRuntime(Instance<SessionRuntime> runtime) implements HostSessionApplier.CurrentRuntime {
        @Override
        public void start() {
            runtime.get().start();
        }

        @Override
        public void stop() throws InterruptedException {
            runtime.get().stop();
        }
    }
}
