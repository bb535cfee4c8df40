package io.kubezap.session.stream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An event-stream client on a plain socket, so a test controls how fast it reads and how small its receive buffer
 * is (a client that stops reading must look slow to the pod quickly). Reads HTTP/1.1 chunked SSE.
 */
final class SseSocketClient implements AutoCloseable {

    private static final Pattern LAST_EVENT_ID = Pattern.compile("\"lastEventId\"\\s*:\\s*(\\d+)");
    private static final Pattern REASON = Pattern.compile("\"reason\"\\s*:\\s*\"([^\"]+)\"");

    record Dropped(String reason, long lastEventId) {
    }

    private final Socket socket;
    private final InputStream in;
    final List<Long> ids = new ArrayList<>();
    Optional<Dropped> dropped = Optional.empty();
    int status;

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private String eventName;
    private String eventId;
    private long chunkLeft;

    SseSocketClient(int port, String path, String apiKey, long lastEventId, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        socket.setSoTimeout(120_000);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nX-Api-Key: " + apiKey
                + "\r\nLast-Event-ID: " + lastEventId + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        in = socket.getInputStream();
    }

    /** Reads the response head; then {@link #readUntil} the stream. */
    void readHead() throws IOException {
        String statusLine = rawLine();
        status = Integer.parseInt(statusLine.split(" ")[1]);
        while (!rawLine().isEmpty()) {
            // headers: the stream is always chunked
        }
    }

    /** Reads events until {@code lastId} was seen, the stream ended, or it was dropped; false when it ended early. */
    boolean readUntil(long lastId) throws IOException {
        while (true) {
            String text = eventLine();
            if (text == null) {
                return false;
            }
            if (text.isEmpty()) {
                if (eventId != null && eventName != null && !eventName.equals(StreamDropped.EVENT)) {
                    ids.add(Long.parseLong(eventId));
                    if (Long.parseLong(eventId) >= lastId) {
                        return true;
                    }
                }
                eventId = null;
                eventName = null;
            } else if (text.startsWith("id:")) {
                eventId = text.substring(3).strip();
            } else if (text.startsWith("event:")) {
                eventName = text.substring(6).strip();
            } else if (text.startsWith("data:") && StreamDropped.EVENT.equals(eventName)) {
                Matcher reason = REASON.matcher(text);
                Matcher last = LAST_EVENT_ID.matcher(text);
                dropped = Optional.of(new Dropped(reason.find() ? reason.group(1) : "?",
                        last.find() ? Long.parseLong(last.group(1)) : -1));
            }
        }
    }

    /** One SSE line from the de-chunked body; null at the end. */
    private String eventLine() throws IOException {
        line.reset();
        while (true) {
            int b = bodyByte();
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
    }

    private int bodyByte() throws IOException {
        if (chunkLeft == 0) {
            String size = rawLine();
            if (size.isEmpty()) {
                size = rawLine(); // the CRLF after the previous chunk
            }
            if (size == null || size.isEmpty()) {
                return -1;
            }
            chunkLeft = Long.parseLong(size.split(";")[0].strip(), 16);
            if (chunkLeft == 0) {
                return -1;
            }
        }
        int b = in.read();
        if (b >= 0) {
            chunkLeft--;
        }
        return b;
    }

    private String rawLine() throws IOException {
        StringBuilder text = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                text.append((char) b);
            }
        }
        return b < 0 && text.isEmpty() ? "" : text.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
