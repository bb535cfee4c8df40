package io.kubezap.session.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The virtual-thread workers of one dispatcher: started by name, interrupted and awaited together when the pod stops. */
public final class Workers {

    private static final Duration STOP_PATIENCE = Duration.ofSeconds(5);

    private final List<Thread> threads = new ArrayList<>();

    public synchronized void start(String name, Runnable work) {
        threads.add(Thread.ofVirtual().name(name).start(work));
    }

    /** Interrupts every worker, then waits up to 5 s for each to end. */
    public synchronized void stopAll() throws InterruptedException {
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            thread.join(STOP_PATIENCE);
        }
    }
}
