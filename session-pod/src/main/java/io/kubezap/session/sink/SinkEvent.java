package io.kubezap.session.sink;

import io.kubezap.session.trace.TraceContext;

import java.time.Instant;

/**
 * An event of the {@code events} table on its way to a sink; {@code payload} is its JSON text, {@code trace} the
 * context of the request that caused it (null when none).
 */
record SinkEvent(long id, String type, Instant occurredAt, String payload, TraceContext trace) {

    SinkEvent(long id, String type, Instant occurredAt, String payload) {
        this(id, type, occurredAt, payload, null);
    }

    SinkEvent withPayload(String shaped) {
        return new SinkEvent(id, type, occurredAt, shaped, trace);
    }
}
