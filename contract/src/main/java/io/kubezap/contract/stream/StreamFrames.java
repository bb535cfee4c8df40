package io.kubezap.contract.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.StreamDropped;
import io.kubezap.contract.StreamEvent;

import java.io.UncheckedIOException;

/**
 * How an event stream looks on the wire, from a session pod or the gateway. Over Server-Sent Events: a comment
 * when the stream is up ({@link #opened}), one event per stored event ({@code id} = its id, {@code event} = its type,
 * {@code data} = the event as JSON, {@link StreamEvent}), a comment as heartbeat, and a last {@code stream.dropped}
 * event when the server drops the client. Over a WebSocket: one text frame per event, a ping as heartbeat, and a
 * last {@code stream.dropped} frame before the close code {@link #TRY_AGAIN_LATER}.
 */
public final class StreamFrames {

    /** An SSE comment and a WebSocket ping's payload, sent when idle, so proxies keep the connection and gone clients are noticed. */
    public static final String HEARTBEAT = "heartbeat";
    public static final String OPENED = "kubezap event stream";
    /** WebSocket close code: dropped, reconnect and resume (RFC 6455 registry: "Try Again Later"). */
    public static final short TRY_AGAIN_LATER = 1013;
    /** WebSocket close code: the server failed. */
    public static final short INTERNAL_ERROR = 1011;
    public static final String INTERNAL_ERROR_REASON = "internal error";

    private static final ObjectMapper JSON = new ObjectMapper();

    private StreamFrames() {
    }

    /** The first comment of a stream that resumes after event {@code after}. */
    public static String opened(long after) {
        return OPENED + "; resuming after event " + after;
    }

    /** An SSE comment line (clients ignore it). */
    public static String sseComment(String text) {
        return ": " + text + "\n\n";
    }

    /** One event over SSE; {@code json} is the whole event, on one line. */
    public static String sseEvent(long id, String type, String json) {
        return "id: " + id + "\nevent: " + type + "\ndata: " + json + "\n\n";
    }

    /** The last SSE event of a dropped stream. */
    public static String sseDropped(StreamDropped reason) {
        return "event: " + StreamDropped.EVENT + "\ndata: " + droppedJson(reason) + "\n\n";
    }

    /** The dropped frame's JSON: {@code {"type": "stream.dropped", reason, detail, lastEventId}}; also the last WebSocket frame. */
    public static String droppedJson(StreamDropped reason) {
        try {
            return JSON.writeValueAsString(reason);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
