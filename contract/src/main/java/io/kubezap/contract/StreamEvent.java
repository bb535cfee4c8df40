package io.kubezap.contract;

/**
 * The fields of one event on an event stream (SSE {@code data}, WebSocket frame): a session pod sends {@link #ID},
 * {@link #TYPE}, {@link #OCCURRED_AT} (RFC 3339) and {@link #PAYLOAD}; the gateway, streaming every session's events,
 * adds {@link #NAMESPACE} and {@link #SESSION}. The SSE event's {@code id} is the event id, its {@code event} the type.
 */
public final class StreamEvent {

    public static final String ID = "id";
    public static final String NAMESPACE = "namespace";
    public static final String SESSION = "session";
    public static final String TYPE = "type";
    public static final String OCCURRED_AT = "occurredAt";
    public static final String PAYLOAD = "payload";

    private StreamEvent() {
    }
}
