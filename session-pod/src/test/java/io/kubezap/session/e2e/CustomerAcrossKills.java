package io.kubezap.session.e2e;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The receive-side crash tests' customer: on a thread of its own, it writes to the account one thing after another (a
 * text, an order) while {@link RepeatedKills} kills the pod, and pauses while {@code mostWaiting} of them wait to be
 * stored. The tests prove what is stored, not how fast: a busy machine (CI's load 15–25 on 2 cores) stores slower, and
 * an unbounded backlog would turn their final wait into a throughput assertion (docs/benchmarks.md measures it).
 */
final class CustomerAcrossKills {

    /** Writes the {@code n}-th thing through the simulator; what identifies it among what the pod stored. */
    interface Write {
        String written(int n);
    }

    private final Write write;
    private final RepeatedKills.Progress stored;
    private final long paceMillis;
    private final int looksEvery;
    private final int mostWaiting;
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final AtomicBoolean writing = new AtomicBoolean(true);
    private final AtomicLong pausedMillis = new AtomicLong();
    private final Thread thread;

    /**
     * Starts writing with {@code write}, {@code paceMillis} apart; every {@code looksEvery}-th write it first looks how
     * many the pod has {@code stored}, and waits while {@code mostWaiting} or more are not.
     */
    CustomerAcrossKills(Write write, long paceMillis, int looksEvery, int mostWaiting, RepeatedKills.Progress stored) {
        this.write = write;
        this.paceMillis = paceMillis;
        this.looksEvery = looksEvery;
        this.mostWaiting = mostWaiting;
        this.stored = stored;
        this.thread = Thread.ofPlatform().name("customer").start(this::writeUntilStopped);
    }

    /** Stops writing (after the write under way); what was written, in order. */
    List<String> stop() throws InterruptedException {
        writing.set(false);
        thread.join();
        return List.copyOf(written);
    }

    /** How long the customer waited for the pod to store its backlog. */
    long pausedMillis() {
        return pausedMillis.get();
    }

    private void writeUntilStopped() {
        for (int n = 1; writing.get(); n++) {
            try {
                if (n % looksEvery == 0) {
                    pauseWhileTheBacklogIsFull();
                }
                written.add(write.written(n));
                Thread.sleep(paceMillis);
            } catch (InterruptedException stop) {
                return;
            }
        }
    }

    private void pauseWhileTheBacklogIsFull() throws InterruptedException {
        while (writing.get() && written.size() - storedOrZero() >= mostWaiting) {
            Thread.sleep(200);
            pausedMillis.addAndGet(200);
        }
    }

    private int storedOrZero() {
        try {
            return stored.count();
        } catch (Exception unreadable) {
            return 0;
        }
    }
}
