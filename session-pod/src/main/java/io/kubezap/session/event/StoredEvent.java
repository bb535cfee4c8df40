package io.kubezap.session.event;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.contract.StreamEvent;

import java.time.Instant;

/** A row of the audit log, as {@code GET /events} returns it and the event streams send it ({@link StreamEvent}). */
public record StoredEvent(@JsonProperty(StreamEvent.ID) long id, @JsonProperty(StreamEvent.TYPE) String type,
                          @JsonProperty(StreamEvent.OCCURRED_AT) Instant occurredAt,
                          @JsonProperty(StreamEvent.PAYLOAD) JsonNode payload) {
}
