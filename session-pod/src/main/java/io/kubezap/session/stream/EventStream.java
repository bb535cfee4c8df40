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
import java.util.Set;

/** One client's stream: sends stored events after {@code after} in id order, then waits for new ones. */
final class EventStream {

    private static final int BATCH = 200;

    private final MultiEmitter<? super OutboundSseEvent> emitter;
    private final Sse sse;
    private final EventRepository events;
    private final EventSignal signal;
    private final Set<String> types;
    private final Duration heartbeat;
    private long after;

    EventStream(MultiEmitter<? super OutboundSseEvent> emitter, Sse sse, EventRepository events, EventSignal signal, Set<String> types,
                long after, Duration heartbeat) {
        this.emitter = emitter;
        this.sse = sse;
        this.events = events;
        this.signal = signal;
        this.types = types;
        this.after = after;
        this.heartbeat = heartbeat;
    }

    /** Ends when the client goes away (the emitter is cancelled and this thread interrupted). */
    void run() {
        try {
            emitter.emit(sse.newEventBuilder().comment("kubezap event stream; resuming after event " + after).build());
            while (!emitter.isCancelled()) {
                long seen = signal.generation();
                List<StoredEvent> batch = events.after(after, types, BATCH);
                batch.forEach(this::send);
                if (batch.size() < BATCH && signal.await(seen, heartbeat) == seen) {
                    emitter.emit(sse.newEventBuilder().comment("heartbeat").build());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            emitter.fail(e);
        }
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
