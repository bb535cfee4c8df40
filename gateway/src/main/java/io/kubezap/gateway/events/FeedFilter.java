package io.kubezap.gateway.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.StreamEvent;
import io.kubezap.contract.filter.EventFilter;
import io.kubezap.contract.filter.EventSubject;
import io.kubezap.contract.filter.JsonPayload;

/**
 * A stream's {@link EventFilter} over the feed's events: what an event is about is read from its payload (the same
 * table the session pods' webhooks and sinks read, {@link EventSubject}), in the client's own thread and only when
 * the filter asks more than types, so the feed's thread never parses a payload.
 */
final class FeedFilter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventFilter filter;

    FeedFilter(EventFilter filter) {
        this.filter = filter;
    }

    boolean passes(FeedEvent event) {
        return filter.passes(() -> subject(event));
    }

    private static EventSubject subject(FeedEvent event) {
        JsonNode payload;
        try {
            payload = JSON.readTree(event.json()).path(StreamEvent.PAYLOAD);
        } catch (JsonProcessingException e) {
            // the database rendered it: never the case, and a client rather gets too much than a gap (about nothing: passes)
            return EventSubject.NOTHING;
        }
        return EventSubject.of(event.type(), new JsonPayload(payload));
    }
}
