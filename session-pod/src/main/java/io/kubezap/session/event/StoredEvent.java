package io.kubezap.session.event;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** A row of the audit log, as {@code GET /events} returns it. */
public record StoredEvent(long id, String type, Instant occurredAt, JsonNode payload) {
}
