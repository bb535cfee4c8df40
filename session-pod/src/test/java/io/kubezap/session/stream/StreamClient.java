package io.kubezap.session.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An event-stream client on a plain socket (SSE or WebSocket), so a test controls how fast it reads and how small
 * its receive buffer is (a client that stops reading must look slow to the pod quickly).
 */
abstract class StreamClient implements AutoCloseable {

    record Dropped(String reason, long lastEventId) {
    }

    final InputStream in;
    final List<Long> ids = new ArrayList<>();
    Optional<Dropped> dropped = Optional.empty();
    private final Socket socket;
    private int status;

    /** Connects and sends {@code request} (the request line and headers, each ending in CRLF, without the blank line). */
    StreamClient(int port, int receiveBuffer, String request) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(120_000);
        OutputStream out = socket.getOutputStream();
        out.write((request + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        in = socket.getInputStream();
    }

    /** Reads the response head; then {@link #readUntil} the stream. */
    void readHead() throws IOException {
        status = Integer.parseInt(rawLine().split(" ")[1]);
        while (!rawLine().isEmpty()) {
            // headers
        }
    }

    /** Reads events until {@code lastId} was seen, the stream ended, or it was dropped; false when it ended early. */
    abstract boolean readUntil(long lastId) throws IOException;

    /** One line as it came, without its CR LF; empty at the end of the stream. */
    final String rawLine() throws IOException {
        StringBuilder text = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                text.append((char) b);
            }
        }
        return text.toString();
    }

    int status() {
        return status;
    }

    /** The ids of the events read, in the order they came. */
    List<Long> ids() {
        return ids;
    }

    Optional<Dropped> dropped() {
        return dropped;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
