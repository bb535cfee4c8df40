package io.kubezap.session.runtime;

import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.host.HostSessionApplier;
import io.kubezap.session.host.HostSessionDirectory;
import io.kubezap.session.host.HostedSessions;
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
 * Secret about once a minute, so a few seconds' poll adds little to that. {@link SchemaGate} starts it once the schema
 * is the one this pod needs, and stops it, and with it every session it holds, at shutdown. A session pod has none.
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
    private HostSessionApplier applier;

    public HostProcess(HostedSessions sessions, Instance<SessionRuntime> runtime, SessionConfig config) {
        this.directory = HostedSessions.hostSessionsDirectory(config);
        this.sessions = sessions;
        this.runtime = runtime;
        this.hostDataRoot = Path.of(config.dataDir());
    }

    /** Whether this JVM is a session host, which starts no session of its own. */
    public boolean hosting() {
        return directory.isPresent();
    }

    synchronized void start() {
        HostSessionDirectory read = new HostSessionDirectory(directory.orElseThrow());
        applier = new HostSessionApplier(sessions, new NamedRuntime(runtime), hostDataRoot);
        poller = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("kubezap-host-sessions").factory());
        poller.scheduleWithFixedDelay(() -> applyOnce(read), 0, POLL_SECONDS, TimeUnit.SECONDS);
        LOG.infof("Hosting the sessions listed in %s", directory.get());
    }

    private void applyOnce(HostSessionDirectory read) {
        try {
            applier.apply(read.read());
        } catch (RuntimeException failed) { // the next poll tries again: a failed read must not end the loop
            LOG.error("Reading the host's sessions failed", failed);
        }
    }

    /** The poll ends, then every held session stops (its engine first, still named) and is released. */
    synchronized void stop() throws InterruptedException {
        if (poller == null) {
            return;
        }
        poller.shutdownNow();
        poller.awaitTermination(POLL_SECONDS, TimeUnit.SECONDS);
        applier.stopAll();
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
