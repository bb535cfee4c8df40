package io.kubezap.session.state;

import io.kubezap.schema.SessionSchema;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.host.HostedSession;
import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.host.scope.PerSession;
import io.kubezap.session.host.scope.SessionKeys;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tells the operator that this session's state changed ({@code NOTIFY} on {@value SessionSchema#STATE_CHANNEL} through
 * {@value SessionSchema#NOTIFY_STATE_CHANGE}, naming the session), so that it polls this pod at once instead of at its next (slow) backstop poll. Sent
 * after the live state changed, never before: the poll it causes reads the new state. Changes that come while one
 * notice is being sent are told by one more; a notice the database did not take is sent again (with a growing pause)
 * until it does, since while it is away the operator only polls on its backstop. One per hosted session, its sender
 * serving that session.
 */
@PerSession
public class StateChangeNotice {

    private static final Logger LOG = Logger.getLogger(StateChangeNotice.class);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final SessionDb db;
    private final String namespace;
    private final String session;
    private final AtomicBoolean pending = new AtomicBoolean();

    public StateChangeNotice(SessionDb db, HostedSessions sessions) {
        HostedSession hosted = sessions.current();
        this.db = db;
        this.namespace = hosted.namespace();
        this.session = hosted.name();
    }

    void changed(@Observes SessionStateChanged change) {
        if (!pending.getAndSet(true)) {
            Thread.ofVirtual().name("state-change-notice").start(() -> SessionKeys.run(session, this::sendUntilTaken));
        }
    }

    private void sendUntilTaken() {
        Duration pause = FIRST_RETRY;
        while (true) {
            pending.set(false);
            if (sent()) {
                return;
            }
            if (pending.getAndSet(true)) {
                return; // a later change started its own sender, which tells this change too
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException stopping) {
                return;
            }
            pause = pause.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : pause.multipliedBy(2);
        }
    }

    private boolean sent() {
        try {
            db.read(handle -> handle.createQuery("select count(*) from (select " + SessionSchema.NOTIFY_STATE_CHANGE
                            + "(:namespace, :session)) sent")
                    .bind("namespace", namespace)
                    .bind("session", session)
                    .mapTo(Long.class).one());
            return true;
        } catch (RuntimeException failed) {
            LOG.debugf(failed, "could not tell the operator of a state change; trying again");
            return false;
        }
    }
}
