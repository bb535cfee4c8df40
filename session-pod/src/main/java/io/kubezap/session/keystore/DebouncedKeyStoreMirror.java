package io.kubezap.session.keystore;

import io.kubezap.session.engine.KeyStoreCopy;
import io.kubezap.session.engine.KeyStoreMirror;
import io.kubezap.session.engine.KeyStoreTakenOver;
import io.kubezap.session.retry.Backoff;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The key store copy in PostgreSQL, made at most once per {@code interval}: the key store changes with every message
 * in and out, and a burst of them costs one copy of its last state. The engine only records that a copy is owed
 * ({@link #changed}, {@link #forget}), which schedules one {@link #tick()} (on the mirror's own thread) for when it is
 * due; nothing is scheduled while nothing is owed, so an idle session never wakes for its mirror
 * (docs/benchmarks/2026-11-27-idle-cost.md). A failed copy or delete is retried with backoff and the log says so once
 * per outage: the engine never waits for the database here.
 */
public final class DebouncedKeyStoreMirror implements KeyStoreMirror {

    private static final Logger LOG = Logger.getLogger(DebouncedKeyStoreMirror.class);

    private final KeyStoreMirrorTable table;
    private final Duration interval;
    private final Backoff backoff;
    private final Clock clock;
    private final AtomicReference<Supplier<Optional<KeyStoreCopy>>> copyOwed = new AtomicReference<>();
    private final Set<UUID> forgotten = ConcurrentHashMap.newKeySet();
    private final ReentrantLock working = new ReentrantLock();
    private final ScheduledExecutorService ticker;
    /** What each tick's and flush's work runs inside: on a host, serving the mirror's session. */
    private final UnaryOperator<Runnable> around;
    /** A tick is scheduled and has not started yet. */
    private final AtomicBoolean armed = new AtomicBoolean();
    private volatile boolean started;
    private volatile boolean deleteOwed;
    private volatile Instant nextCopyAt = Instant.MIN;
    private volatile Instant retryAt = Instant.MIN;
    private int failures;

    DebouncedKeyStoreMirror(KeyStoreMirrorTable table, Duration interval, Backoff backoff, Clock clock) {
        this(table, interval, backoff, clock, UnaryOperator.identity());
    }

    DebouncedKeyStoreMirror(KeyStoreMirrorTable table, Duration interval, Backoff backoff, Clock clock,
                            UnaryOperator<Runnable> around) {
        this(table, interval, backoff, clock, Executors.newSingleThreadScheduledExecutor(
                work -> Thread.ofVirtual().name("kubezap-key-store-mirror").unstarted(around.apply(work))), around);
    }

    /** {@code ticker}: the thread the scheduled ticks run on (tests look at its queue). */
    DebouncedKeyStoreMirror(KeyStoreMirrorTable table, Duration interval, Backoff backoff, Clock clock,
                            ScheduledExecutorService ticker) {
        this(table, interval, backoff, clock, ticker, UnaryOperator.identity());
    }

    private DebouncedKeyStoreMirror(KeyStoreMirrorTable table, Duration interval, Backoff backoff, Clock clock,
                                    ScheduledExecutorService ticker, UnaryOperator<Runnable> around) {
        this.ticker = ticker;
        this.around = around;
        this.table = table;
        this.interval = interval;
        this.backoff = backoff;
        this.clock = clock;
    }

    @Override
    public void changed(Supplier<Optional<KeyStoreCopy>> current) {
        copyOwed.set(current);
        arm();
    }

    @Override
    public void forget(UUID device) {
        forgotten.add(device);
        deleteOwed = true;
        arm();
    }

    @Override
    public Optional<KeyStoreCopy> read() {
        return table.read();
    }

    @Override
    public void take() {
        table.take();
    }

    @Override
    public void checkHeld() {
        table.checkHeld();
    }

    /** From now until {@link #stop()}, what is owed is made once it is due, each time without being asked. */
    void start() {
        started = true;
        arm();
    }

    void stop() {
        started = false;
        ticker.shutdownNow();
    }

    /** Schedules one tick for when what is owed is due, unless one is scheduled already. */
    private void arm() {
        if (started && owes() && armed.compareAndSet(false, true)) {
            try {
                ticker.schedule(this::armedTick, untilDue().toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                armed.set(false);
            }
        }
    }

    private void armedTick() {
        armed.set(false);
        tick();
        arm();
    }

    /** A delete waits only for a failure's backoff; a copy also for the interval since the last one. */
    private Duration untilDue() {
        var due = deleteOwed || retryAt.isAfter(nextCopyAt) ? retryAt : nextCopyAt;
        var wait = Duration.between(clock.instant(), due);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /** Makes what is owed once it is due: the interval since the last copy passed, and no failure's backoff runs. */
    void tick() {
        work(false);
    }

    @Override
    public boolean flush(Duration patience) {
        var flushing = Thread.ofVirtual().name("kubezap-key-store-mirror-flush").start(around.apply(() -> work(true)));
        try {
            return flushing.join(patience) && !owes();
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean owes() {
        return deleteOwed || copyOwed.get() != null;
    }

    private void work(boolean now) {
        working.lock();
        try {
            var at = clock.instant();
            if (!now && at.isBefore(retryAt)) {
                return;
            }
            deleteIfOwed();
            copyIfDue(now, at);
            recovered();
        } catch (KeyStoreTakenOver fenced) {
            copyOwed.set(null); // never again from this pod: the pod that took the session writes its own
        } catch (RuntimeException failed) {
            retryAt = clock.instant().plus(backoff.delay(failures));
            if (failures++ == 0) {
                LOG.warnf("The WhatsApp key store's copy in PostgreSQL is behind the volume (%s); retrying, the session"
                        + " goes on", failed.toString());
            }
        } finally {
            working.unlock();
        }
    }

    private void deleteIfOwed() {
        if (deleteOwed) {
            deleteOwed = false;
            try {
                table.delete();
            } catch (RuntimeException failed) {
                deleteOwed = true;
                throw failed;
            }
            LOG.info("The WhatsApp key store's copy in PostgreSQL was deleted (the device was logged out or banned)");
        }
    }

    private void copyIfDue(boolean now, Instant at) {
        if (!now && at.isBefore(nextCopyAt)) {
            return;
        }
        var read = copyOwed.getAndSet(null);
        if (read == null) {
            return;
        }
        try {
            read.get().filter(copy -> !forgotten.contains(copy.device())).ifPresent(table::write);
        } catch (RuntimeException failed) {
            copyOwed.compareAndSet(null, read); // unless a newer change asked meanwhile
            throw failed;
        }
        nextCopyAt = at.plus(interval);
    }

    private void recovered() {
        if (failures > 0) {
            LOG.infof("The WhatsApp key store's copy in PostgreSQL caught up with the volume after %d failed attempts", failures);
        }
        failures = 0;
        retryAt = Instant.MIN;
    }
}
