package io.kubezap.session.stream;

import io.kubezap.session.config.EventStreamSettings;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What all streams share: room for events held in memory, turns at the database, and places for open streams.
 * Shared so that many clients resuming from the start cost a bounded amount of memory and leave the connection
 * pool to REST requests.
 */
@Singleton
public class ReplayBudget {

    private final Semaphore buffered;
    private final Semaphore reads;
    private final AtomicInteger open = new AtomicInteger();
    private final int maxStreams;

    public ReplayBudget(EventStreamSettings settings) {
        this.buffered = new Semaphore(settings.maxBufferedEvents(), true);
        this.reads = new Semaphore(settings.concurrentReads(), true);
        this.maxStreams = settings.maxStreams();
    }

    /** A place for one more stream, or false when {@code maxStreams} are open. */
    public boolean open() {
        if (open.incrementAndGet() > maxStreams) {
            open.decrementAndGet();
            return false;
        }
        return true;
    }

    public void close() {
        open.decrementAndGet();
    }

    /** Room for {@code events} events, waiting at most {@code timeout}; false when none came. */
    boolean reserve(int events, Duration timeout) throws InterruptedException {
        return buffered.tryAcquire(events, timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    void release(int events) {
        if (events > 0) {
            buffered.release(events);
        }
    }

    /** Runs a database read in its turn. */
    <T> T read(Supplier<T> query) throws InterruptedException {
        reads.acquire();
        try {
            return query.get();
        } finally {
            reads.release();
        }
    }

    int openStreams() {
        return open.get();
    }

    int bufferedEvents(int configured) {
        return configured - buffered.availablePermits();
    }
}
