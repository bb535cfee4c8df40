package io.kubezap.gateway.events;

import io.kubezap.contract.StreamDropped;
import io.kubezap.contract.stream.StreamFrames;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;

/** A stream over a WebSocket, framed as {@link StreamFrames} has it: one text frame per event, the event as JSON. */
final class WebSocketSink extends ConnectionSink {

    private final ServerWebSocket socket;

    WebSocketSink(ServerWebSocket socket) {
        super(socket);
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
            socket.writePing(Buffer.buffer(StreamFrames.HEARTBEAT));
        }
    }

    @Override
    public void drop(StreamDropped reason) {
        if (!closed()) {
            socket.writeTextMessage(StreamFrames.droppedJson(reason));
            socket.close(StreamFrames.TRY_AGAIN_LATER, reason.reason());
        }
    }

    @Override
    void fail() {
        if (!closed()) {
            socket.close(StreamFrames.INTERNAL_ERROR, StreamFrames.INTERNAL_ERROR_REASON);
        }
    }
}
