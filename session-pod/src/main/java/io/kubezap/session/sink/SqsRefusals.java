package io.kubezap.session.sink;

import java.util.HashMap;
import java.util.Map;

/**
 * How many times an SQS sink's queue has refused each event it is still trying, by event id. In memory: a restarted
 * pod counts again from zero, which only means more attempts before the dead-letter queue. Used by its sink's worker
 * alone.
 */
final class SqsRefusals {

    private final Map<String, Integer> byEvent = new HashMap<>();

    /** One more refusal of the event: how many there have been. */
    int refused(String eventId) {
        return byEvent.merge(eventId, 1, Integer::sum);
    }

    /** The event left (taken, or dead-lettered): nothing more to count. */
    void settled(String eventId) {
        byEvent.remove(eventId);
    }
}
