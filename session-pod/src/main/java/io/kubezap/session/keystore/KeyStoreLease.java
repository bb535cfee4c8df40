package io.kubezap.session.keystore;

import io.kubezap.session.db.DatabaseFailures;
import io.kubezap.session.db.Handle;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.engine.KeyStoreTakenOver;
import jakarta.inject.Inject;
import io.kubezap.session.host.scope.PerSession;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.UUID;

/**
 * {@code key_store_leases}: this pod's hold on the session's key store. {@link #take()} at start raises the fencing
 * token; from then on a pod that took it earlier is refused every key store write ({@link #checkWithin}, in the
 * write's transaction) and every connection ({@link #check()}). The newest taker wins: a StatefulSet starts a pod of
 * the session only once the previous one is gone (or was deleted by force: its node lost), so the newest is the one
 * the cluster runs. No heartbeat: holding costs nothing while the session is idle.
 */
@PerSession
public class KeyStoreLease {

    private static final Logger LOG = Logger.getLogger(KeyStoreLease.class);

    private final SessionDb db;
    private final Clock clock;
    private final String holder;
    private volatile Long token;
    private volatile boolean lost;

    @Inject
    public KeyStoreLease(SessionDb db) {
        // HOSTNAME is the pod's name, set by Kubernetes: an identity for the lease, not a setting
        this(db, Clock.systemUTC(), System.getenv().getOrDefault("HOSTNAME", "pod") + "/" + UUID.randomUUID());
    }

    KeyStoreLease(SessionDb db, Clock clock, String holder) {
        this.db = db;
        this.clock = clock;
        this.holder = holder;
    }

    /** Takes the session's key store for this pod, fencing off any pod that held it; returns the new token. */
    public long take() {
        long taken = db.inTransaction(handle -> db.query(handle, """
                        insert into key_store_leases (namespace, session, holder, token, taken_at)
                        values (:ns, :session, :holder, 1, :at)
                        on conflict (namespace, session) do update set holder = excluded.holder,
                            token = key_store_leases.token + 1, taken_at = excluded.taken_at
                        returning token""")
                .bind("holder", holder)
                .bind("at", clock.instant())
                .mapTo(Long.class)
                .one());
        token = taken;
        lost = false;
        LOG.infof("This pod (%s) holds the session's WhatsApp key store (fencing token %d)", holder, taken);
        return taken;
    }

    /** Whether {@link #take()} was called: without it (local mode before start, tests) nothing is fenced. */
    boolean taken() {
        return token != null;
    }

    /** @throws KeyStoreTakenOver when another pod took the key store since this one did */
    public void check() {
        if (lost) {
            throw takenOver();
        }
        if (token != null) {
            db.read(handle -> {
                checkWithin(handle, false);
                return null;
            });
        }
    }

    /**
     * Inside a key store write's transaction: the lease row is read for share, so a take waits for the write to
     * commit, and a write after a take sees the new token and is refused (rolled back by the exception).
     */
    void checkWithin(Handle handle, boolean forShare) {
        if (token == null) {
            return;
        }
        // the token is presented to the database too: its trigger refuses the key store rows of a write without it
        Long current = db.query(handle, "select token, set_config('kubezap.key_store_token', :mine, true) from key_store_leases"
                        + " where namespace = :ns and session = :session" + (forShare ? " for share" : ""))
                .bind("mine", token.toString())
                .mapTo(Long.class).findOne().orElse(null);
        if (!token.equals(current)) {
            if (!lost) {
                LOG.errorf("Another pod took the session's WhatsApp key store (fencing token %s, this pod's %d): this"
                        + " pod writes no keys and does not connect any more", current, token);
            }
            lost = true;
            throw takenOver();
        }
    }

    /** Whether {@code failure} is a key store write refused because another pod took the session (here, or by the database). */
    static boolean fenced(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof KeyStoreTakenOver) {
                return true;
            }
        }
        return DatabaseFailures.keyStoreFenced(failure);
    }

    private KeyStoreTakenOver takenOver() {
        return new KeyStoreTakenOver("another pod of this session took its WhatsApp key store (fencing token moved on"
                + " from " + token + "): this pod does not connect nor write the key store");
    }
}
