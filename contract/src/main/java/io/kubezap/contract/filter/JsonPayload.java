package io.kubezap.contract.filter;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An event's payload as Jackson read it, answering {@link EventSubject}'s JSON pointers: a value's text, null where
 * the pointer finds nothing or an object or array. The one reader the pod's outboxes and the gateway's streams share.
 */
public record JsonPayload(JsonNode payload) implements EventSubject.Payload {

    @Override
    public String text(String pointer) {
        JsonNode value = payload.at(pointer);
        return value.isValueNode() ? value.asText() : null;
    }
}
