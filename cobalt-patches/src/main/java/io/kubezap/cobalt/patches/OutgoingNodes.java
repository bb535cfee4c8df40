package io.kubezap.cobalt.patches;

import it.auties.whatsapp.socket.SocketHandler;

import java.lang.reflect.Field;
import java.util.concurrent.Semaphore;
import java.util.function.UnaryOperator;

/**
 * One Cobalt client's write lock, put in place of Cobalt 0.0.10's by the session pod's engine adapter ({@link #install}),
 * with what the adapter holds or replaces before Cobalt sends it: the pod holds a received message's acknowledgement
 * until it has stored the message, or sends something else in its place.
 *
 * <p>Cobalt's {@code SocketHandler.sendRequest} takes this lock right before it encodes what it sends, on the thread
 * that built the request ({@code SocketRequest}, replaced in this module, hands itself over here through that thread):
 * so the hold sees every node of this client, and only this client's, before its permit is taken.
 */
public final class OutgoingNodes extends Semaphore {

    /** The request the current thread built last, until the lock it takes next picks it up. */
    private static final ThreadLocal<Outgoing> BUILT = new ThreadLocal<>();
    /** Set on the thread whose hold refused to send: Cobalt's failure path releases a permit it never got. */
    private static final ThreadLocal<Boolean> REFUSED = new ThreadLocal<>();
    private static final String WRITE_LOCK = "writeSemaphore";

    private final transient UnaryOperator<Object> hold;

    /** A lock whose every acquire first passes what is about to be sent through {@code hold}. */
    public OutgoingNodes(UnaryOperator<Object> hold) {
        super(1, true);
        this.hold = hold;
    }

    /**
     * Puts a lock with {@code hold} in place of {@code socket}'s own, before the client connects: from then on every node
     * or frame the client sends passes through {@code hold}, and what it returns is sent instead; it throws to send
     * nothing (Cobalt's send then fails, which it ignores for acknowledgements).
     *
     * @throws IllegalStateException when Cobalt keeps its lock elsewhere than 0.0.10 does: nothing would be held
     */
    public static void install(SocketHandler socket, UnaryOperator<Object> hold) {
        try {
            Field lock = SocketHandler.class.getDeclaredField(WRITE_LOCK);
            lock.setAccessible(true);
            lock.set(socket, new OutgoingNodes(hold));
        } catch (ReflectiveOperationException | RuntimeException moved) {
            throw new IllegalStateException("Cobalt's write lock is not where 0.0.10 keeps it: acknowledgements could not be held", moved);
        }
    }

    /** Called by {@code SocketRequest}'s constructor: what it will send, replaceable until the lock is taken. */
    public static Outgoing built(Object body) {
        var outgoing = new Outgoing(body);
        BUILT.set(outgoing);
        return outgoing;
    }

    @Override
    public void acquire() throws InterruptedException {
        var outgoing = BUILT.get();
        BUILT.remove();
        if (outgoing != null) {
            try {
                outgoing.replace(hold.apply(outgoing.built()));
            } catch (RuntimeException withheld) {
                REFUSED.set(true);
                throw withheld;
            }
        }
        super.acquire();
    }

    @Override
    public void release() {
        if (Boolean.TRUE.equals(REFUSED.get())) {
            REFUSED.remove();
            return;
        }
        super.release();
    }

    /** What a request sends: what Cobalt built, or what the hold put in its place. */
    public static final class Outgoing {
        private final Object built;
        private volatile Object sent;

        private Outgoing(Object built) {
            this.built = built;
            this.sent = built;
        }

        Object built() {
            return built;
        }

        void replace(Object instead) {
            sent = instead;
        }

        public Object sent() {
            return sent;
        }
    }
}
