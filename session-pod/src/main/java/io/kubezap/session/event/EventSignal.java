package io.kubezap.session.event;

import io.kubezap.session.host.scope.PerSession;

import java.time.Duration;

/**
 * Wakes whoever waits for new events (webhook workers, live streams) instead of letting them poll blind. The
 * session's own: an event of one session on a host wakes none of the others' waiters.
 */
@PerSession
public class EventSignal {

    private long generation;

    public synchronized void wake() {
        generation++;
        notifyAll();
    }

    /** Waits until woken or {@code timeout} passed; returns at once when woken since {@code seen}. */
    public synchronized long await(long seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (generation == seen) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return generation;
    }

    public synchronized long generation() {
        return generation;
    }
}
