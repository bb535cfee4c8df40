package io.kubezap.session.db;

import io.kubezap.session.retry.Backoff;
import io.kubezap.session.retry.Pause;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Writes of what happened while PostgreSQL was out of reach: what WhatsApp delivered (it has been told the pod received
 * it, so it would not come again) and the session's own state changes. A write that meets an unreachable database waits
 * here, in order, and one thread runs it once the database answers; while anything waits, newer writes queue behind
 * it, so they run in order too. Held in memory: a pod stopped before the database returned loses what waits (the log
 * says how much).
 */
@Singleton
public class WritesAwaitingDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WritesAwaitingDatabase.class);
    /** At most this many writes wait while PostgreSQL is out of reach; each one beyond is logged as lost. */
    private static final int CAPACITY = 10_000;

    /** A write and what it records, for the log. */
    private record Write(String what, Runnable run) {
    }

    private final int capacity;
    private final Backoff backoff;
    private final Deque<Write> waiting = new ArrayDeque<>();
    private Thread writer;
    private boolean closed;

    @Inject
    public WritesAwaitingDatabase() {
        this(CAPACITY, Backoff.withEqualJitter(Duration.ofMillis(500), Duration.ofSeconds(10)));
    }

    WritesAwaitingDatabase(int capacity, Backoff backoff) {
        this.capacity = capacity;
        this.backoff = backoff;
    }

    /**
     * Runs {@code write} now, or keeps it for later if the database is out of reach or older writes still wait. Any
     * other failure reaches the caller.
     */
    public void writeOrKeep(String what, Runnable write) {
        var next = new Write(what, write);
        if (!keepIfOthersWait(next)) {
            try {
                write.run();
            } catch (RuntimeException failure) {
                Optional<String> unavailable = DatabaseFailures.unavailable(failure);
                if (unavailable.isEmpty()) {
                    throw failure;
                }
                LOG.warnf("The database is unavailable (%s); keeping %s until it answers", unavailable.get(), what);
                keep(next);
            }
        }
    }

    synchronized int size() {
        return waiting.size();
    }

    private synchronized boolean keepIfOthersWait(Write write) {
        if (waiting.isEmpty()) {
            return false;
        }
        keep(write);
        return true;
    }

    private synchronized void keep(Write write) {
        if (closed || waiting.size() >= capacity) {
            LOG.errorf("Lost %s: %s", write.what(), closed ? "the pod is stopping" : capacity + " writes already wait for the database");
            return;
        }
        waiting.addLast(write);
        if (writer == null) {
            writer = Thread.ofVirtual().name("kubezap-writes-awaiting-database").start(this::writeWhatWaits);
        }
    }

    private void writeWhatWaits() {
        int attempt = 0;
        Write next;
        while ((next = headOrStop()) != null) {
            try {
                next.run().run();
                attempt = 0;
                dropHead();
            } catch (RuntimeException failure) {
                if (DatabaseFailures.unavailable(failure).isEmpty()) {
                    LOG.errorf(failure, "Could not record %s, which waited for the database", next.what());
                    dropHead();
                } else if (!Pause.sleep(backoff.delay(attempt++))) {
                    return;
                }
            }
        }
    }

    /** The oldest waiting write; null (and the writer gone) when none waits or the pod stops. */
    private synchronized Write headOrStop() {
        if (waiting.isEmpty() || closed) {
            writer = null;
            return null;
        }
        return waiting.peekFirst();
    }

    private synchronized void dropHead() {
        waiting.pollFirst();
        if (waiting.isEmpty()) {
            LOG.info("The database answers again; everything that waited for it is recorded");
        }
    }

    void stop(@Observes @Priority(1) ShutdownEvent shutdown) {
        close();
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = writer;
            if (!waiting.isEmpty()) {
                LOG.errorf("Stopping with %d writes not recorded: the database did not answer again in time", waiting.size());
            }
        }
        if (running != null) {
            running.interrupt();
        }
    }
}
