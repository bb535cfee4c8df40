package io.kubezap.session.state;

import io.kubezap.session.db.DatabaseFailures;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.retry.Backoff;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What WhatsApp delivered while PostgreSQL was out of reach. WhatsApp has been told the pod received it, so it would
 * not come again: it waits here, in arrival order, and one thread stores it once the database answers. While anything
 * waits, newer events queue behind it, so they are stored in order too. Held in memory: a pod stopped before the
 * database returned loses what waits (the log says how much).
 */
final class EventsAwaitingDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EventsAwaitingDatabase.class);

    private final Consumer<EngineEvent.Delivered> store;
    private final int capacity;
    private final Backoff backoff;
    private final Deque<EngineEvent.Delivered> waiting = new ArrayDeque<>();
    private Thread storer;
    private boolean closed;

    EventsAwaitingDatabase(Consumer<EngineEvent.Delivered> store, int capacity, Backoff backoff) {
        this.store = store;
        this.capacity = capacity;
        this.backoff = backoff;
    }

    /** Stores {@code event} now, or keeps it for later if the database is out of reach or older events still wait. */
    void storeOrKeep(EngineEvent.Delivered event) {
        if (!keepIfOthersWait(event)) {
            try {
                store.accept(event);
            } catch (RuntimeException failure) {
                Optional<String> unavailable = DatabaseFailures.unavailable(failure);
                if (unavailable.isEmpty()) {
                    throw failure;
                }
                LOG.warnf("The database is unavailable (%s); keeping %s until it answers", unavailable.get(),
                        event.getClass().getSimpleName());
                keep(event);
            }
        }
    }

    synchronized int size() {
        return waiting.size();
    }

    private synchronized boolean keepIfOthersWait(EngineEvent.Delivered event) {
        if (waiting.isEmpty()) {
            return false;
        }
        keep(event);
        return true;
    }

    private synchronized void keep(EngineEvent.Delivered event) {
        if (closed || waiting.size() >= capacity) {
            LOG.errorf("Lost %s: %s", event.getClass().getSimpleName(),
                    closed ? "the pod is stopping" : capacity + " events already wait for the database");
            return;
        }
        waiting.addLast(event);
        if (storer == null) {
            storer = Thread.ofVirtual().name("kubezap-events-awaiting-database").start(this::storeWhatWaits);
        }
    }

    private void storeWhatWaits() {
        int attempt = 0;
        EngineEvent.Delivered next;
        while ((next = headOrStop()) != null) {
            try {
                store.accept(next);
                attempt = 0;
                dropHead();
            } catch (RuntimeException failure) {
                if (DatabaseFailures.unavailable(failure).isEmpty()) {
                    LOG.errorf(failure, "Could not store %s that waited for the database", next.getClass().getSimpleName());
                    dropHead();
                } else if (!pause(backoff.delay(attempt++))) {
                    return;
                }
            }
        }
    }

    /** The oldest waiting event; null (and the storer gone) when none waits or the pod stops. */
    private synchronized EngineEvent.Delivered headOrStop() {
        if (waiting.isEmpty() || closed) {
            storer = null;
            return null;
        }
        return waiting.peekFirst();
    }

    private synchronized void dropHead() {
        waiting.pollFirst();
        if (waiting.isEmpty()) {
            LOG.info("The database answers again; every event that waited for it is stored");
        }
    }

    private static boolean pause(Duration delay) {
        try {
            Thread.sleep(delay);
            return true;
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = storer;
            if (!waiting.isEmpty()) {
                LOG.errorf("Stopping with %d events not stored: the database did not answer again in time", waiting.size());
            }
        }
        if (running != null) {
            running.interrupt();
        }
    }
}
