package io.kubezap.session.stream;

import io.kubezap.contract.StreamDropped;
import io.kubezap.contract.stream.EventCursor;
import io.kubezap.contract.filter.EventFilter;
import io.kubezap.session.config.EventStreamSettings;
import io.kubezap.session.event.EventRepository;
import io.kubezap.session.event.EventSignal;
import io.kubezap.session.event.EventSubjects;
import io.kubezap.session.event.StoredEvent;
import io.kubezap.session.event.StreamPage;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One client's stream, over SSE or a WebSocket: sends stored events after its {@link EventCursor} in id order, then
 * waits for new ones; an event whose transaction commits after a later one was sent comes when it commits (ids are
 * drawn before commit). It reads a page at a time, within the shared {@link ReplayBudget}, and sends each event only
 * when the client can take it; a client that stops reading is dropped with a {@link StreamDropped} reason.
 */
public final class EventStream {

    private final StreamWriter sink;
    private final EventRepository events;
    private final EventSignal signal;
    private final ReplayBudget budget;
    private final EventStreamSettings settings;
    private final Set<String> types;
    private final EventFilter filter;
    private EventCursor cursor;
    /** The highest id sent or passed over: where the client resumes (a late event has a smaller id). */
    private long position;

    public EventStream(StreamWriter sink, EventRepository events, EventSignal signal, ReplayBudget budget,
                EventStreamSettings settings, Set<String> types, EventFilter filter, EventCursor cursor) {
        this.filter = filter;
        this.sink = sink;
        this.events = events;
        this.signal = signal;
        this.budget = budget;
        this.settings = settings;
        this.types = types;
        this.cursor = cursor;
        this.position = cursor.after();
    }

    /**
     * Ends when the client goes away (the sink closes and this thread is interrupted) or is dropped. Holds one of
     * the budget's places for open streams, which the caller took, and gives it back.
     */
    public void run() {
        try {
            stream().ifPresent(sink::drop);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            sink.fail(e);
        } finally {
            budget.close();
        }
    }

    private Optional<StreamDropped> tooSlow() {
        return Optional.of(StreamDropped.slowClient(position,
                "the client took no event for " + settings.stallTimeout().toSeconds() + " s"));
    }

    private Optional<StreamDropped> stream() throws InterruptedException {
        if (!sink.ready(settings.stallTimeout())) {
            return tooSlow();
        }
        sink.opened(position);
        int page = settings.pageSize();
        while (!sink.closed()) {
            long seen = signal.generation();
            if (!reserve(page)) {
                return Optional.empty();
            }
            int unsent = page;
            try {
                StreamPage read = budget.read(() -> events.page(cursor, types, page));
                List<StoredEvent> batch = read.events();
                budget.release(page - batch.size());
                unsent = batch.size();
                for (StoredEvent event : batch) {
                    if (!wanted(event)) {
                        position = Math.max(position, event.id());
                        budget.release(1);
                        unsent--;
                        continue;
                    }
                    if (!sink.ready(settings.stallTimeout())) {
                        return tooSlow();
                    }
                    position = Math.max(position, event.id());
                    sink.send(event, position);
                    budget.release(1);
                    unsent--;
                }
                cursor = read.next();
                if (batch.size() < page && signal.await(seen, settings.heartbeat()) == seen) {
                    sink.heartbeat();
                }
            } finally {
                budget.release(unsent);
            }
        }
        return Optional.empty();
    }

    /** Whether the client's filter takes the event (its type was chosen by the read). */
    private boolean wanted(StoredEvent event) {
        return filter.passes(() -> EventSubjects.of(event.type(), event.payload()));
    }

    /** Waits its turn for room (the budget is fair, so it comes); false when the client went away meanwhile. */
    private boolean reserve(int events) throws InterruptedException {
        while (!budget.reserve(events, Duration.ofSeconds(1))) {
            if (sink.closed()) {
                return false;
            }
        }
        return true;
    }
}
