package io.kubezap.gateway.events;

import io.kubezap.gateway.auth.SessionSet;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** One stream's share of the live feed: the events it wants, held until its client takes them, up to a bound. */
final class Subscription {

    private final SessionSet sessions;
    private final Set<String> types;
    private final BlockingQueue<FeedEvent> waiting;
    private volatile boolean overflowed;

    Subscription(SessionSet sessions, Set<String> types, int capacity) {
        this.sessions = sessions;
        this.types = types;
        this.waiting = new ArrayBlockingQueue<>(capacity);
    }

    void offer(FeedEvent event) {
        if (sessions.contains(event.namespace(), event.session())
                && (types.isEmpty() || types.contains(event.type())) && !waiting.offer(event)) {
            overflowed = true;
        }
    }

    /** The next event, or null when none came within {@code timeout}. */
    FeedEvent next(Duration timeout) throws InterruptedException {
        return waiting.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** True once an event had to be left out because the client was too slow: the stream must end. */
    boolean overflowed() {
        return overflowed;
    }
}
