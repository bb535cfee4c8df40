package io.kubezap.operator.polling;

import io.javaoperatorsdk.operator.processing.event.ResourceID;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When each session is polled next: one timer for every session; of the polls scheduled for a session, only the one
 * scheduled last runs. Each schedule takes a ticket and records it as the session's latest <em>before</em> its task
 * is handed to the timer, and a task runs only while its ticket is still the latest: a poll that runs and schedules
 * the next one before the thread that scheduled it has returned cannot be undone by that thread (cancelling a
 * replaced future after the fact could: it cancelled the successor, and the session was never polled again). A
 * replaced task stays in the timer's queue until due and then does nothing.
 */
final class PollSchedule {

    private final ScheduledExecutorService timer;
    private final Map<ResourceID, Long> latest = new ConcurrentHashMap<>();
    private final AtomicLong tickets = new AtomicLong();

    PollSchedule(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    void schedule(ResourceID id, Duration delay, Runnable poll) {
        Long ticket = tickets.incrementAndGet();
        latest.put(id, ticket);
        timer.schedule(() -> {
            if (ticket.equals(latest.get(id))) {
                poll.run();
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    void forget(ResourceID id) {
        latest.remove(id);
    }

    void stop() {
        timer.shutdownNow();
    }
}
