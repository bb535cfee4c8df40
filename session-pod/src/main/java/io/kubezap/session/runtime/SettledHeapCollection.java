package io.kubezap.session.runtime;

import io.kubezap.contract.PodPhase;
import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.state.SessionStateChanged;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One full collection of the heap per pod start, once the session has been connected and without engine events for
 * {@code kubezap.settled-collection.quiet} (its initial sync, or the messages that waited while it was away, are over).
 * Start-up and linking promote garbage into the serial collector's old generation, which grows to hold it rather than
 * collect it; this collection, with {@code -XX:-ShrinkHeapInSteps} and a capped young generation in the image's
 * {@code jvm.options}, gives that memory back (docs/decisions/0008-one-heap-collection-once-settled.md). Never again
 * in the
 * pod's life, whatever happens after: an idle fleet pays no periodic collection. A quiet period of zero turns it off.
 */
@Singleton
public class SettledHeapCollection {

    private static final Logger LOG = Logger.getLogger(SettledHeapCollection.class);

    private final Duration quiet;
    private final Clock clock;
    private final Runnable collector;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean connected;
    private volatile boolean collected;
    private volatile Instant lastActivity;

    @Inject
    public SettledHeapCollection(SessionConfig config) {
        this(config.settledCollection().quiet(), Clock.systemUTC(), System::gc);
    }

    SettledHeapCollection(Duration quiet, Clock clock, Runnable collector) {
        this.quiet = quiet;
        this.clock = clock;
        this.collector = collector;
        this.lastActivity = clock.instant();
    }

    void onStateChanged(@Observes SessionStateChanged change) {
        if (connected(change.after().phase() == PodPhase.Connected)) {
            // a virtual thread: it sleeps on no platform thread of its own, and ends once it has collected
            Thread.ofVirtual().name("kubezap-settled-collection").start(this::collectOnceSettled);
        }
    }

    /** Whether the session is connected now; true the first time it is, when the wait for it to settle starts. */
    boolean connected(boolean now) {
        connected = now;
        activity();
        return now && quiet.isPositive() && started.compareAndSet(false, true);
    }

    /** Something happened on the session (an engine event): the quiet period starts again; nothing once collected. */
    public void activity() {
        if (!collected) {
            lastActivity = clock.instant();
        }
    }

    private void collectOnceSettled() {
        try {
            for (Optional<Duration> wait = step(); wait.isPresent(); wait = step()) {
                Thread.sleep(wait.get());
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Collects if the session has been connected and quiet long enough, once; otherwise how long to wait before asking
     * again. Empty once collected.
     */
    Optional<Duration> step() {
        if (collected) {
            return Optional.empty();
        }
        Duration quietFor = Duration.between(lastActivity, clock.instant());
        if (!connected || quietFor.compareTo(quiet) < 0) {
            return Optional.of(connected ? quiet.minus(quietFor) : quiet);
        }
        collected = true;
        collect();
        return Optional.empty();
    }

    private void collect() {
        Runtime runtime = Runtime.getRuntime();
        long before = runtime.totalMemory();
        long usedBefore = before - runtime.freeMemory();
        long start = System.nanoTime();
        collector.run();
        long millis = (System.nanoTime() - start) / 1_000_000;
        long after = runtime.totalMemory();
        LOG.infof("Session settled: heap collected once in %d ms, used %d → %d KiB, committed %d → %d KiB", millis,
                usedBefore / 1024, (after - runtime.freeMemory()) / 1024, before / 1024, after / 1024);
    }
}
