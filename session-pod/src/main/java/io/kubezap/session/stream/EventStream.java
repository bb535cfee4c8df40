package io.kubezap.session.stream;

import io.kubezap.session.event.EventRepository;
import io.kubezap.session.event.EventSignal;
import io.kubezap.session.event.StoredEvent;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One client's stream: sends stored events after {@code after} in id order, then waits for new ones. It reads a
 * page at a time, within the shared {@link ReplayBudget}, and sends each event only when the client asked for
 * it; a client that stops reading is dropped with a {@link StreamDropped} event.
 */
final class EventStream {

    private final MultiEmitter<? super OutboundSseEvent> emitter;
    private final Sse sse;
    private final EventRepository events;
    private final EventSignal signal;
    private final ReplayBudget budget;
    private final EventStreamSettings settings;
    private final Set<String> types;
    private final Demand demand;
    private long after;

    EventStream(MultiEmitter<? super OutboundSseEvent> emitter, Sse sse, EventRepository events, EventSignal signal,
                ReplayBudget budget, EventStreamSettings settings, Set<String> types, long after) {
        this.emitter = emitter;
        this.sse = sse;
        this.events = events;
        this.signal = signal;
        this.budget = budget;
        this.settings = settings;
        this.types = types;
        this.after = after;
        this.demand = new Demand(emitter);
    }

    /** Ends when the client goes away (the emitter is cancelled and this thread interrupted) or is dropped. */
    void run() {
        try {
            Optional<StreamDropped> dropped = stream();
            dropped.ifPresent(reason -> {
                emitter.emit(sse.newEventBuilder().name(StreamDropped.EVENT)
                        .mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(StreamDropped.class, reason)
                        .build());
                emitter.complete();
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            emitter.fail(e);
        } finally {
            budget.close();
        }
    }

    private Optional<StreamDropped> stream() throws InterruptedException {
        if (!demand.await(settings.stallTimeout())) {
            return Optional.of(StreamDropped.slowClient(after, settings.stallTimeout()));
        }
        emitter.emit(sse.newEventBuilder().comment("kubezap event stream; resuming after event " + after).build());
        int page = settings.pageSize();
        while (!emitter.isCancelled()) {
            long seen = signal.generation();
            if (!reserve(page)) {
                return Optional.empty();
            }
            int unsent = page;
            try {
                List<StoredEvent> batch = budget.read(() -> events.after(after, types, page));
                budget.release(page - batch.size());
                unsent = batch.size();
                for (StoredEvent event : batch) {
                    if (!demand.await(settings.stallTimeout())) {
                        return Optional.of(StreamDropped.slowClient(after, settings.stallTimeout()));
                    }
                    send(event);
                    budget.release(1);
                    unsent--;
                }
                if (batch.size() < page && signal.await(seen, settings.heartbeat()) == seen && demand.now()) {
                    emitter.emit(sse.newEventBuilder().comment("heartbeat").build());
                }
            } finally {
                budget.release(unsent);
            }
        }
        return Optional.empty();
    }

    /** Waits its turn for room (the budget is fair, so it comes); false when the client went away meanwhile. */
    private boolean reserve(int events) throws InterruptedException {
        while (!budget.reserve(events, Duration.ofSeconds(1))) {
            if (emitter.isCancelled()) {
                return false;
            }
        }
        return true;
    }

    private void send(StoredEvent event) {
        emitter.emit(sse.newEventBuilder()
                .id(Long.toString(event.id()))
                .name(event.type())
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(StoredEvent.class, event)
                .build());
        after = event.id();
    }
}
