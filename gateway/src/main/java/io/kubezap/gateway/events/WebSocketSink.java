package io.kubezap.gateway.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.StreamDropped;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

/** A stream over a WebSocket: one text frame per event, the event as JSON (its {@code type} says what it is). */
final class WebSocketSink extends ConnectionSink {

    /** "Try again later": the client is told to reconnect (and resume). */
    private static final short TRY_AGAIN_LATER = 1013;
    private static final short INTERNAL_ERROR = 1011;

    private final ServerWebSocket socket;

    WebSocketSink(ServerWebSocket socket, ObjectMapper json) {
        super(socket, json);
        this.socket = socket;
    }

    @Override
    void onClose(Runnable then) {
        socket.closeHandler(nothing -> {
            markClosed();
            then.run();
        });
    }

    @Override
    boolean connectionClosed() {
        return socket.isClosed();
    }

    @Override
    public void opened() {
        // the upgrade's answer already told the client
    }

    @Override
    void write(FeedEvent event) {
        socket.writeTextMessage(event.json());
    }

    @Override
    public void heartbeat() {
        if (!closed()) {
            socket.writePing(Buffer.buffer("heartbeat"));
        }
    }

    @Override
    public void drop(StreamDropped reason) {
        if (!closed()) {
            socket.writeTextMessage(text(reason));
            socket.close(TRY_AGAIN_LATER, reason.reason());
        }
    }

    @Override
    void fail() {
        if (!closed()) {
            socket.close(INTERNAL_ERROR, "internal error");
        }
    }
}
