package io.kubezap.gateway.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.StreamDropped;
import io.vertx.core.http.HttpServerResponse;

/** A stream over Server-Sent Events: id = event id, event = type, data = the event as JSON. */
final class SseSink extends ConnectionSink {

    private final HttpServerResponse response;

    SseSink(HttpServerResponse response, ObjectMapper json) {
        super(response, json);
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
        response.write(": kubezap event stream\n\n");
    }

    @Override
    void write(FeedEvent event) {
        response.write("id: " + event.id() + "\nevent: " + event.type() + "\ndata: " + event.json() + "\n\n");
    }

    @Override
    public void heartbeat() {
        if (!closed()) {
            response.write(": heartbeat\n\n");
        }
    }

    @Override
    public void drop(StreamDropped reason) {
        if (!closed()) {
            response.end("event: " + StreamDropped.EVENT + "\ndata: " + text(reason) + "\n\n");
        }
    }

    @Override
    void fail() {
        if (!closed()) {
            response.end();
        }
    }
}
