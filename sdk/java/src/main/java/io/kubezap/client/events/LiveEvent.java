package io.kubezap.client.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/** One event of the live stream; the gateway adds the session's namespace and name. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LiveEvent(long id, String type, String occurredAt, String namespace, String session, JsonNode payload) {
}
