package io.kubezap.session.engine.cobalt;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one thread lifecycle work runs on, so pairing, logout and reconnect never interleave. A task that fails is
 * logged and never stops the thread; tasks handed in after {@link #stop} are dropped.
 */
final class EngineThread {

    private static final Logger LOG = Logger.getLogger(EngineThread.class);

    private final ScheduledExecutorService executor =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("kubezap-engine").daemon().factory());

    /** The underlying executor, for parts that schedule their own timers on this thread. */
    ScheduledExecutorService executor() {
        return executor;
    }

    void execute(Runnable task) {
        if (executor.isShutdown()) {
            return;
        }
        try {
            executor.execute(() -> guarded("engine task", task));
        } catch (RejectedExecutionException shuttingDown) {
            LOG.debug("Engine task dropped during shutdown");
        }
    }

    void schedule(String what, Runnable task, Duration delay) {
        executor.schedule(() -> guarded(what, task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    void every(String what, Runnable task, Duration period) {
        var millis = period.toMillis();
        executor.scheduleWithFixedDelay(() -> guarded(what, task), millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Interrupts the running task and waits up to {@code patience} for the thread to end. */
    void stop(Duration patience) {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("The engine thread did not stop in time; flushing keys anyway");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    static void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException unexpected) {
            LOG.errorf(unexpected, "WhatsApp %s failed", what);
        }
    }
}
