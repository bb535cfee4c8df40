package io.kubezap.session.sink;

import java.time.Instant;
import java.util.Set;

/**
 * What {@code GET /sinks} shows of one sink: where it publishes, how many events wait for it, the last event its
 * broker took and when, and, while it fails, why and since when.
 */
public record SinkStatus(String name, String kind, String destination, Set<String> events, long pending,
                         Long lastEventId, Instant lastDeliveredAt, Instant lastAttemptAt, String lastError,
                         Instant failingSince) {
}
