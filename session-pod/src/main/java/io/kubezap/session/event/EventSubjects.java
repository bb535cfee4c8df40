package io.kubezap.session.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.filter.EventSubject;
import io.kubezap.contract.filter.JsonPayload;

import java.util.function.Supplier;

/**
 * What an event is about ({@link EventSubject}), read from its payload as every output carries it: the outboxes read it
 * once per recorded event, and only when an output filters beyond the type; the live streams read it from stored rows.
 */
public final class EventSubjects {

    private EventSubjects() {
    }

    /** The subject of a stored event. */
    public static EventSubject of(String type, JsonNode payload) {
        return EventSubject.of(type, new JsonPayload(payload));
    }

    /** The subject of an event being recorded, read on first use and then kept. */
    public static Supplier<EventSubject> lazily(PendingEvent event, ObjectMapper json) {
        return new Supplier<>() {
            private EventSubject subject;

            @Override
            public EventSubject get() {
                if (subject == null) {
                    subject = of(event.type(), json.valueToTree(event.payload()));
                }
                return subject;
            }
        };
    }
}
