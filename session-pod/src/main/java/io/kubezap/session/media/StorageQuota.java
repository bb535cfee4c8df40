package io.kubezap.session.media;

import io.kubezap.contract.SessionState;
import io.kubezap.session.config.QuotaSettings;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.failure.Failure;
import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.host.SessionTimers;
import io.kubezap.session.host.scope.PerSession;
import io.kubezap.session.state.SessionStateMachine;
import io.quarkus.runtime.configuration.MemorySize;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * The session's storage quota (spec.storage.quota): every {@link QuotaSettings#quotaCheckInterval()} it measures what
 * the session keeps — its media files plus the size of its rows in the shared PostgreSQL (messages, events, webhook
 * deliveries; {@code pg_column_size}, an estimate without indexes) — and reports crossing the quota, either way, in the
 * state document the operator reads (condition StorageQuota).
 * <p>
 * The rule while over it loses nothing silently: every message is still stored with its text, and the locator of
 * its file, so the file can be fetched once below the quota (retention and pruning bring it down); only files are
 * not downloaded (on arrival or on request: 507) and media is not sent (507). Texts go on both ways.
 * <p>
 * Each session its own: its quota, its measure, from its start to its stop on the JVM's {@link SessionTimers}.
 */
@PerSession
public class StorageQuota {

    private static final Logger LOG = Logger.getLogger(StorageQuota.class);
    private static final String ROWS = """
            select coalesce((select sum(pg_column_size(m.*)) from messages m where m.namespace = :ns and m.session = :session), 0)
                 + coalesce((select sum(pg_column_size(e.*)) from events e where e.namespace = :ns and e.session = :session), 0)
                 + coalesce((select sum(pg_column_size(d.*)) from webhook_deliveries d
                             where d.namespace = :ns and d.session = :session), 0)""";

    private final MediaStore store;
    private final SessionDb db;
    private final SessionStateMachine state;
    private final QuotaSettings settings;
    private volatile boolean exceeded;

    @Inject
    public StorageQuota(MediaStore store, SessionDb db, SessionStateMachine state, HostedSessions sessions) {
        this(store, db, state, sessions.current().config().storage());
    }

    StorageQuota(MediaStore store, SessionDb db, SessionStateMachine state, QuotaSettings settings) {
        this.store = store;
        this.db = db;
        this.state = state;
        this.settings = settings;
    }

    /** With a quota, a measure every check interval from the session's start until it stops ({@link SessionTimers#stop}). */
    public void start(SessionTimers timers) {
        if (settings.quota().isPresent()) {
            timers.every("Storage quota", settings.quotaCheckInterval(), settings.quotaCheckInterval(), this::checkQuietly);
        }
    }

    public boolean exceeded() {
        return exceeded;
    }

    /** Refuses to keep another file while the quota is reached: 507, saying why. */
    public void refuseWhenExceeded(String what) {
        if (exceeded) {
            throw Failure.storageFull(what + ": the session keeps more than its storage quota (spec.storage.quota); texts are still"
                            + " stored and sent, files again once old messages are pruned or the quota is raised");
        }
    }

    private void checkQuietly() {
        try {
            check(Instant.now());
        } catch (RuntimeException | IOException failed) {
            LOG.warnf("Storage quota not measured (tried again in %s): %s", settings.quotaCheckInterval(), failed.getMessage());
        }
    }

    /** Measures once, and reports a crossing of the quota (either way). */
    void check(Instant now) throws IOException {
        long quota = settings.quota().map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        long used = store.bytes() + db.read(handle -> db.query(handle, ROWS).mapTo(Long.class).one());
        boolean over = used >= quota;
        if (over != exceeded) {
            exceeded = over;
            if (over) {
                LOG.warnf("The session keeps %d bytes, more than its storage quota of %d: incoming media is not downloaded"
                        + " and media is not sent until it is below", used, quota);
            } else {
                LOG.infof("The session keeps %d bytes, below its storage quota of %d again", used, quota);
            }
            state.storageQuota(over ? new SessionState.StorageQuota(used, quota, now) : null);
        }
    }

    /** How often it measures; for tests that wait for a measurement. */
    Duration interval() {
        return settings.quotaCheckInterval();
    }
}
