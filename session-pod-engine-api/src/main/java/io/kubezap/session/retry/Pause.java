package io.kubezap.session.retry;

import java.time.Duration;

/** The wait between two tries of a worker loop that ends when its thread is interrupted (the pod stopping). */
public final class Pause {

    private Pause() {
    }

    /** Sleeps for {@code duration}; false (the interrupt kept) when interrupted, so the loop can end. */
    public static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration);
            return true;
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
