package io.kubezap.session.stream;

import io.kubezap.contract.StreamDropped;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An event-stream client on a plain socket, so a test controls how fast it reads and how small its receive buffer
 * is (a client that stops reading must look slow to the pod quickly). Reads HTTP/1.1 chunked SSE.
 */
final class SseSocketClient extends StreamClient {

    private static final Pattern LAST_EVENT_ID = Pattern.compile("\"lastEventId\"\\s*:\\s*(\\d+)");
    private static final Pattern REASON = Pattern.compile("\"reason\"\\s*:\\s*\"([^\"]+)\"");

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private String eventName;
    private String eventId;
    private long chunkLeft;

    SseSocketClient(int port, String path, String apiKey, long lastEventId, int receiveBuffer) throws IOException {
        super(port, receiveBuffer, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                + "X-Api-Key: " + apiKey + "\r\nLast-Event-ID: " + lastEventId + "\r\n");
    }

    @Override
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
}
