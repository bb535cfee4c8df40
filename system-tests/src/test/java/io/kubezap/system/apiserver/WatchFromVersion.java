package io.kubezap.system.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The stock mock server's watch, as a real API server starts a watch from a resourceVersion: the stock watch sends
 * every stored object as ADDED when it opens; of those, only objects written after that version go out (a real server
 * sends what happened after it, nothing before). Every later event goes out as the stock watch sends it: an ADDED after
 * the version is a new object, and MODIFIED and DELETED pass whatever version they carry. (A delete between the list and
 * the watch is not replayed: the mock keeps no history.)
 */
final class WatchFromVersion extends WebSocketListener {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebSocketListener stock;
    private final long since;
    private volatile Filtered socket;

    WatchFromVersion(WebSocketListener stock, long since) {
        this.stock = stock;
        this.since = since;
    }

    @Override
    public void onBeforeAccept(WebSocket webSocket, Response response) {
        stock.onBeforeAccept(filtered(webSocket), response);
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        stock.onOpen(filtered(webSocket), response);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        stock.onMessage(filtered(webSocket), text);
    }

    @Override
    public void onMessage(WebSocket webSocket, byte[] bytes) {
        stock.onMessage(filtered(webSocket), bytes);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        stock.onClosing(filtered(webSocket), code, reason);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        stock.onClosed(filtered(webSocket), code, reason);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable error, Response response) {
        stock.onFailure(filtered(webSocket), error, response);
    }

    private synchronized WebSocket filtered(WebSocket webSocket) {
        if (socket == null || socket.socket != webSocket) {
            socket = new Filtered(webSocket);
        }
        return socket;
    }

    /** Whether an event is an ADDED of an object stored at or before the version the watch starts from. */
    private boolean before(String event) {
        try {
            JsonNode read = JSON.readTree(event);
            return "ADDED".equals(read.path("type").asText())
                    && read.path("object").path("metadata").path("resourceVersion").asLong(Long.MAX_VALUE) <= since;
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private final class Filtered implements WebSocket {

        private final WebSocket socket;

        Filtered(WebSocket socket) {
            this.socket = socket;
        }

        @Override
        public RecordedRequest request() {
            return socket.request();
        }

        @Override
        public boolean send(String text) {
            return before(text) || socket.send(text);
        }

        @Override
        public boolean send(byte[] bytes) {
            return socket.send(bytes);
        }

        @Override
        public boolean close(int code, String reason) {
            return socket.close(code, reason);
        }
    }
}
