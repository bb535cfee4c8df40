package io.kubezap.session.stream;

import io.kubezap.contract.StreamDropped;
import io.kubezap.contract.stream.StreamFrames;
import io.kubezap.session.event.StoredEvent;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import java.time.Duration;

/**
 * A stream over Server-Sent Events as {@link StreamFrames} has it, written by JAX-RS: data = the stored event as JSON.
 * The SSE id is where the client resumes (a browser sends the last one back): the event's id, or for an event that
 * committed late, below ones already sent, the highest id sent.
 */
public final class SseSink implements StreamWriter {

    private final MultiEmitter<? super OutboundSseEvent> emitter;
    private final Sse sse;
    private final Demand demand;

    public SseSink(MultiEmitter<? super OutboundSseEvent> emitter, Sse sse) {
        this.emitter = emitter;
        this.sse = sse;
        this.demand = new Demand(emitter);
    }

    @Override
    public boolean ready(Duration timeout) throws InterruptedException {
        return demand.await(timeout);
    }

    @Override
    public void opened(long after) {
        emitter.emit(sse.newEventBuilder().comment(StreamFrames.opened(after)).build());
    }

    @Override
    public void send(StoredEvent event, long position) {
        emitter.emit(sse.newEventBuilder()
                .id(Long.toString(position))
                .name(event.type())
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(StoredEvent.class, event)
                .build());
    }

    @Override
    public void heartbeat() {
        if (demand.now()) {
            emitter.emit(sse.newEventBuilder().comment(StreamFrames.HEARTBEAT).build());
        }
    }

    @Override
    public void drop(StreamDropped reason) {
        emitter.emit(sse.newEventBuilder().name(StreamDropped.EVENT)
                .mediaType(MediaType.APPLICATION_JSON_TYPE)
                .data(StreamDropped.class, reason)
                .build());
        emitter.complete();
    }

    @Override
    public void fail(RuntimeException e) {
        emitter.fail(e);
    }

    @Override
    public boolean closed() {
        return emitter.isCancelled();
    }
}
