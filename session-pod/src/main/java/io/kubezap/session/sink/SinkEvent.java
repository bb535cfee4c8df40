package io.kubezap.session.sink;

import java.time.Instant;

/** An event of the {@code events} table on its way to a sink; {@code payload} is its JSON text. */
record SinkEvent(long id, String type, Instant occurredAt, String payload) {
}
