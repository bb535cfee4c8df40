package io.kubezap.session.host;

import io.kubezap.contract.host.HostSessionFile.Entry;
import io.kubezap.session.host.scope.SessionKeys;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/**
 * Applies one read of a host's sessions' directory (record 0021): a session that left is stopped (its engine first,
 * while it is still named) and then released; a changed one is stopped and started again; a new one is held and
 * started under its own name. A session that fails to start is released and named in the log; the others run.
 */
public final class HostSessionApplier {

    private static final Logger LOG = Logger.getLogger(HostSessionApplier.class);

    /** The runtime of the session the running code names (a {@code @PerSession} {@code SessionRuntime}). */
    public interface CurrentRuntime {
        void start();

        void stop() throws InterruptedException;
    }

    private final HostedSessions sessions;
    private final CurrentRuntime runtime;
    private final Path hostDataRoot;

    public HostSessionApplier(HostedSessions sessions, CurrentRuntime runtime, Path hostDataRoot) {
        this.sessions = sessions;
        this.runtime = runtime;
        this.hostDataRoot = hostDataRoot;
    }

    public void apply(HostSessionChanges changes) {
        changes.stopped().forEach(this::stop);
        changes.refused().forEach(this::refuse);
        changes.restarted().forEach(entry -> {
            stop(entry.session());
            start(entry);
        });
        changes.started().forEach(this::start);
    }

    /** Every held session stops, named, and leaves: the host shuts down. */
    public void stopAll() {
        sessions.names().forEach(this::stop);
    }

    private void refuse(String session, String why) {
        LOG.errorf("Session %s is not started: %s", session, why);
        if (sessions.named(session).isPresent()) {
            stop(session);
        }
    }

    private void start(Entry entry) {
        String session = entry.session();
        try {
            sessions.host(HostedSessionSettings.session(entry, hostDataRoot));
            SessionKeys.run(session, runtime::start);
            LOG.infof("Session %s started on this host (%d held)", session, sessions.count());
        } catch (RuntimeException failed) {
            LOG.errorf(failed, "Session %s could not start", session);
            if (sessions.named(session).isPresent()) {
                stop(session);
            }
        }
    }

    private void stop(String session) {
        try {
            SessionKeys.call(session, () -> {
                runtime.stop();
                return null;
            });
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (Exception failed) {
            LOG.errorf(failed, "Session %s did not stop cleanly", session);
        } finally {
            sessions.release(session);
        }
    }
}
