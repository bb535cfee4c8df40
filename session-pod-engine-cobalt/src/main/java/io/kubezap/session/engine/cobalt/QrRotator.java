package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Shows the QR of each ref in turn, as the {@link QrSchedule} says, and calls {@code onExhausted}
 * when the last one expires (the connection must then be renewed for fresh refs).
 * Cobalt 0.0.10 shows only the first ref and never rotates.
 */
public final class QrRotator {

    private final QrSchedule schedule;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Consumer<EngineEvent> events;
    private final Runnable onExhausted;
    private final List<ScheduledFuture<?>> pending = new ArrayList<>();

    public QrRotator(QrSchedule schedule, Clock clock, ScheduledExecutorService scheduler,
                     Consumer<EngineEvent> events, Runnable onExhausted) {
        this.schedule = schedule;
        this.clock = clock;
        this.scheduler = scheduler;
        this.events = events;
        this.onExhausted = onExhausted;
    }

    /** Replaces any running rotation with one over these payloads (one per ref, in the server's order). */
    public synchronized void rotate(List<String> payloads) {
        stop();
        var now = clock.instant();
        var slots = schedule.plan(payloads, now);
        for (var slot : slots) {
            var issued = new EngineEvent.QrIssued(slot.payload(), slot.expiresAt());
            pending.add(scheduler.schedule(() -> events.accept(issued), millisBetween(now, slot.shownAt()), TimeUnit.MILLISECONDS));
        }
        if (!slots.isEmpty()) {
            var end = slots.getLast().expiresAt();
            pending.add(scheduler.schedule(this::exhausted, millisBetween(now, end), TimeUnit.MILLISECONDS));
        }
    }

    public synchronized void stop() {
        pending.forEach(future -> future.cancel(false));
        pending.clear();
    }

    private void exhausted() {
        synchronized (this) {
            pending.clear();
        }
        onExhausted.run();
    }

    private static long millisBetween(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis());
    }
}
