package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.api.Whatsapp;
import org.jboss.logging.Logger;

import java.util.concurrent.Semaphore;

/**
 * Cobalt 0.0.10 pulls app state for a {@code server_sync} notification on its socket's reader thread, and there waits
 * (on a one-permit semaphore) for a pull already under way, whose answer only that thread can read: a second
 * notification during a pull stalls the socket until the first pull's 120 s timeout. This semaphore takes the place of
 * Cobalt's: a pull a notification asks for while another is under way is refused at once (Cobalt reports the refusal
 * to its error handler and reads on), and {@link AppStateCatchUp} pulls the collection once the server's notified
 * version is still ahead. Other pulls wait their turn as before.
 */
final class ReaderSafePulls extends Semaphore {

    private static final Logger LOG = Logger.getLogger(ReaderSafePulls.class);
    private static final String SERVER_SYNC_HANDLER = "handleServerSyncNotification";
    /** Set on the thread whose acquire was refused: Cobalt's failure path releases what it never got. */
    private static final ThreadLocal<Boolean> REFUSED = new ThreadLocal<>();

    ReaderSafePulls() {
        super(1, true);
    }

    /** Puts this semaphore in place of Cobalt's in the client's app-state handler; without it, Cobalt's behaviour stays. */
    static void install(Whatsapp client) {
        try {
            Object socket = RawNodes.socketHandler(client);
            var handlerField = socket.getClass().getDeclaredField("appStateHandler");
            handlerField.setAccessible(true);
            Object handler = handlerField.get(socket);
            var semaphoreField = handler.getClass().getDeclaredField("pullSemaphore");
            semaphoreField.setAccessible(true);
            semaphoreField.set(handler, new ReaderSafePulls());
        } catch (ReflectiveOperationException | RuntimeException changed) {
            LOG.warnf("Cobalt's app-state pulls are not where 0.0.10 keeps them (%s); a server_sync during a pull may stall "
                    + "the socket", changed);
        }
    }

    @Override
    public void acquire() throws InterruptedException {
        if (!fromServerSync()) {
            super.acquire();
        } else if (!tryAcquire()) {
            REFUSED.set(true);
            throw new IllegalStateException("an app-state pull is under way; this one is made up later");
        }
    }

    @Override
    public void release() {
        if (Boolean.TRUE.equals(REFUSED.get())) {
            REFUSED.remove();
            return;
        }
        super.release();
    }

    private static boolean fromServerSync() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(frame -> frame.getMethodName().equals(SERVER_SYNC_HANDLER)));
    }
}
