package io.kubezap.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Event;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The condition reason {@value #REASON}: the StatefulSet controller cannot create a session's pod (a ResourceQuota, an
 * admission webhook or Pod Security Admission refused it), as its newest {@value #EVENT_REASON} Event on the session's
 * StatefulSet says. One reading for the operator, which puts it in the session's conditions, and for
 * {@code kubectl zap doctor}, which reads the Events itself when the operator has not said it (yet).
 */
public final class PodCreationFailures {

    /** The reason in the session's Ready/PodReady/Connected conditions. */
    public static final String REASON = "PodCreationFailed";
    /** The reason the StatefulSet controller gives its Event when it cannot create a pod. */
    public static final String EVENT_REASON = "FailedCreate";

    private PodCreationFailures() {
    }

    /**
     * What is wrong, from the newest FailedCreate Event on StatefulSet {@code statefulSet}; empty when there is none.
     *
     * @param events Events of the namespace; only the StatefulSet's FailedCreate ones are read
     */
    public static Optional<String> message(String statefulSet, List<Event> events) {
        return events.stream()
                .filter(event -> EVENT_REASON.equals(event.getReason()))
                .filter(event -> about(event, "StatefulSet", statefulSet))
                .max(Comparator.comparing(PodCreationFailures::lastSeen))
                .map(event -> "Kubernetes refuses to create pod " + statefulSet + "-0: " + event.getMessage());
    }

    /** Whether {@code event} is about the object of that kind and name. */
    public static boolean about(Event event, String kind, String name) {
        return event.getInvolvedObject() != null && kind.equals(event.getInvolvedObject().getKind())
                && name.equals(event.getInvolvedObject().getName());
    }

    /** When the Event was last seen: its series', its lastTimestamp, its eventTime, or its creation; else the epoch. */
    public static Instant lastSeen(Event event) {
        String at = event.getSeries() != null && event.getSeries().getLastObservedTime() != null
                ? event.getSeries().getLastObservedTime().getTime()
                : event.getLastTimestamp() != null ? event.getLastTimestamp()
                : event.getEventTime() != null ? event.getEventTime().getTime()
                : event.getMetadata() != null ? event.getMetadata().getCreationTimestamp() : null;
        try {
            return at == null ? Instant.EPOCH : Instant.parse(at);
        } catch (DateTimeParseException unreadable) {
            return Instant.EPOCH;
        }
    }
}
