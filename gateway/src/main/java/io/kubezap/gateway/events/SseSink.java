package io.kubezap.gateway.events;

import io.kubezap.contract.StreamDropped;
import io.kubezap.contract.stream.StreamFrames;
import io.vertx.core.http.HttpServerResponse;

/** A stream over Server-Sent Events, framed as {@link StreamFrames} has it; data = the event as JSON. */
final class SseSink extends ConnectionSink {

    private final HttpServerResponse response;

    SseSink(HttpServerResponse response) {
        super(response);
        this.response = response;
    }

    @Override
    void onClose(Runnable then) {
        response.closeHandler(nothing -> {
            markClosed();
            then.run();
        });
    }

    @Override
    boolean connectionClosed() {
        return response.closed() || response.ended();
    }

    @Override
    public void opened() {
        // the headers and a first line at once, so the client knows the stream is up
        response.write(StreamFrames.sseComment(StreamFrames.OPENED));
    }

    @Override
    void write(FeedEvent event) {
        response.write(StreamFrames.sseEvent(event.id(), event.type(), event.json()));
    }

    @Override
    public void heartbeat() {
        if (!closed()) {
            response.write(StreamFrames.sseComment(StreamFrames.HEARTBEAT));
        }
    }

    @Override
    public void drop(StreamDropped reason) {
        if (!closed()) {
            response.end(StreamFrames.sseDropped(reason));
        }
    }

    @Override
    void fail() {
        if (!closed()) {
            response.end();
        }
    }
}
