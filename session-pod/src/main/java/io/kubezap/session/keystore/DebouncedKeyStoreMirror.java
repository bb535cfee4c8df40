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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The key store copy in PostgreSQL, made at most once per {@code interval}: the key store changes with every message
 * in and out, and a burst of them costs one copy of its last state. The engine only records that a copy is owed
 * ({@link #changed}, {@link #forget}); {@link #tick()} (every second, on its own thread) makes what is owed and due.
 * A failed copy or delete is retried with backoff and the log says so once per outage: the engine never waits for
 * the database here.
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
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("kubezap-key-store-mirror").factory());
    private volatile boolean deleteOwed;
    private Instant nextCopyAt = Instant.MIN;
    private Instant retryAt = Instant.MIN;
    private int failures;

    DebouncedKeyStoreMirror(KeyStoreMirrorTable table, Duration interval, Backoff backoff, Clock clock) {
        this.table = table;
        this.interval = interval;
        this.backoff = backoff;
        this.clock = clock;
    }

    @Override
    public void changed(Supplier<Optional<KeyStoreCopy>> current) {
        copyOwed.set(current);
    }

    @Override
    public void forget(UUID device) {
        forgotten.add(device);
        deleteOwed = true;
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

    /** Ticks every {@code period} until {@link #stop()}. */
    void start(Duration period) {
        ticker.scheduleWithFixedDelay(this::tick, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop() {
        ticker.shutdownNow();
    }

    /** Makes what is owed once it is due: the interval since the last copy passed, and no failure's backoff runs. */
    void tick() {
        work(false);
    }

    @Override
    public boolean flush(Duration patience) {
        var flushing = Thread.ofVirtual().name("kubezap-key-store-mirror-flush").start(() -> work(true));
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
