package io.kubezap.session.retry;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One daemon thread that repeats a step from {@link #start} to {@link #stop}; the step pauses as long as it likes
 * ({@link #pause}) unless {@link #wake} is called. A step that fails is logged (as a wait when {@code awaited} names
 * what it waits for, e.g. the database being away; else as an error) and tried again after {@code afterFailure}.
 */
public final class WorkLoop {

    private static final Logger LOG = Logger.getLogger(WorkLoop.class);
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(10);

    /** One round of the work; interrupted when the loop stops. */
    @FunctionalInterface
    public interface Step {
        void run() throws InterruptedException;
    }

    private final String threadName;
    private final String what;
    private final Duration afterFailure;
    private final Step step;
    private final Function<Throwable, Optional<String>> awaited;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    /** {@code what}: the work as logs name it ("Outbound queue"). */
    public WorkLoop(String threadName, String what, Duration afterFailure, Function<Throwable, Optional<String>> awaited,
                    Step step) {
        this.awaited = awaited;
        this.threadName = threadName;
        this.what = what;
        this.afterFailure = afterFailure;
        this.step = step;
    }

    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().name(threadName).daemon().start(this::repeat);
    }

    /** Interrupts the step and waits up to 10 s for it to end. */
    public synchronized void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(STOP_PATIENCE);
        }
    }

    public boolean running() {
        return running;
    }

    /** Ends the current (or next) pause at once. */
    public void wake() {
        wakeUps.release();
    }

    /** Waits {@code wait}, or less when woken. */
    public void pause(Duration wait) throws InterruptedException {
        if (wait.isNegative() || wait.isZero()) {
            return;
        }
        if (wakeUps.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            wakeUps.drainPermits();
        }
    }

    private void repeat() {
        while (running) {
            try {
                step.run();
            } catch (InterruptedException stopping) {
                return;
            } catch (RuntimeException failed) {
                awaited.apply(failed).ifPresentOrElse(
                        why -> LOG.warnf("%s waits: %s; retrying shortly", what, why),
                        () -> LOG.errorf(failed, "%s step failed; retrying shortly", what));
                try {
                    pause(afterFailure);
                } catch (InterruptedException stopping) {
                    return;
                }
            }
        }
    }
}
