package io.kubezap.session.stream;

import io.kubezap.session.event.EventRepository;
import io.kubezap.session.event.EventSignal;
import io.kubezap.session.event.StoredEvent;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** One client's stream: sends stored events after {@code after} in id order, then waits for new ones. */
final class EventStream {

    private static final Logger LOG = Logger.getLogger(EventStream.class);
    private static final int BATCH = 200;

    private final SseEventSink sink;
    private final Sse sse;
    private final EventRepository events;
    private final EventSignal signal;
    private final Set<String> types;
    private final Duration heartbeat;
    private long after;

    EventStream(SseEventSink sink, Sse sse, EventRepository events, EventSignal signal, Set<String> types,
                long after, Duration heartbeat) {
        this.sink = sink;
        this.sse = sse;
        this.events = events;
        this.signal = signal;
        this.types = types;
        this.after = after;
        this.heartbeat = heartbeat;
    }

    void run() {
        try (sink) {
            send(sse.newEventBuilder().comment("kubezap event stream; resuming after event " + after).build());
            while (!sink.isClosed()) {
                long seen = signal.generation();
                List<StoredEvent> batch = events.after(after, types, BATCH);
                batch.forEach(this::send);
                if (batch.size() < BATCH && signal.await(seen, heartbeat) == seen) {
                    send(sse.newEventBuilder().comment("heartbeat").build());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debugf("event stream closed: %s", e.getMessage());
        }
    }

    private void send(StoredEvent event) {
        send(sse.newEventBuilder()
                .id(Long.toString(event.id()))
                .name(event.type())
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(StoredEvent.class, event)
                .build());
        after = event.id();
    }

    /** Waits for the write, so a client that went away ends the loop with an exception. */
    private void send(jakarta.ws.rs.sse.OutboundSseEvent event) {
        sink.send(event).toCompletableFuture().join();
    }
}
