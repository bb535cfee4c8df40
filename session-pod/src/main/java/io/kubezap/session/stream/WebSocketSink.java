package io.kubezap.session.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.StreamDropped;
import io.kubezap.contract.stream.StreamFrames;
import io.kubezap.session.event.StoredEvent;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import org.jboss.logging.Logger;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A stream over a WebSocket as {@link StreamFrames} has it: one text frame per event, the stored event as JSON. */
public final class WebSocketSink implements StreamWriter {

    private static final Logger LOG = Logger.getLogger(WebSocketSink.class);

    private final ServerWebSocket socket;
    private final ObjectMapper json;
    private volatile boolean closed;
    private volatile CompletableFuture<Void> written = CompletableFuture.completedFuture(null);

    public WebSocketSink(ServerWebSocket socket, ObjectMapper json) {
        this.socket = socket;
        this.json = json;
    }

    /** Marks the sink closed and runs {@code then} when the client or the network closes the socket. */
    public void onClose(Runnable then) {
        socket.closeHandler(nothing -> {
            closed = true;
            then.run();
        });
    }

    /**
     * Vert.x completes a write once the frame is on the connection, so a frame still unwritten means the client is not
     * reading: as with SSE, the next event waits for the previous one.
     */
    @Override
    public boolean ready(Duration timeout) throws InterruptedException {
        try {
            written.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return closed;
        } catch (ExecutionException e) {
            return true; // the connection failed: closed follows
        }
    }

    @Override
    public void opened(long after) {
        // the upgrade's answer already told the client
    }

    @Override
    public void send(StoredEvent event, long position) {
        if (!closed) {
            track(socket.writeTextMessage(text(event)));
        }
    }

    @Override
    public void heartbeat() {
        if (!closed && written.isDone()) {
            track(socket.writePing(Buffer.buffer(StreamFrames.HEARTBEAT)));
        }
    }

    @Override
    public void drop(StreamDropped reason) {
        if (!closed) {
            socket.writeTextMessage(StreamFrames.droppedJson(reason));
            socket.close(StreamFrames.TRY_AGAIN_LATER, reason.reason());
        }
    }

    @Override
    public void fail(RuntimeException e) {
        LOG.warn("event socket failed", e);
        if (!closed) {
            socket.close(StreamFrames.INTERNAL_ERROR, StreamFrames.INTERNAL_ERROR_REASON);
        }
    }

    /** Also true when the socket closed before {@link #onClose} was registered (its handler never runs then). */
    @Override
    public boolean closed() {
        return closed || socket.isClosed();
    }

    private void track(Future<Void> write) {
        written = write.toCompletionStage().toCompletableFuture();
    }

    private String text(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
