package io.kubezap.session.sink;

import io.kubezap.contract.filter.EventFilter;

import java.time.Instant;
import java.util.Set;

/**
 * What {@code GET /sinks} shows of one sink: where it publishes, how many events wait for it, the last event its
 * broker took and when, and, while it fails, why and since when; its filter; and, when the egress rules keep the pod
 * from its broker, why and the setting that would allow it ({@code egressRefused}, absent when allowed), known before
 * any event waits for it.
 */
public record SinkStatus(String name, String kind, String destination, Set<String> events, EventFilter filter,
                         long pending, Long lastEventId, Instant lastDeliveredAt, Instant lastAttemptAt, String lastError,
                         Instant failingSince, String egressRefused) {
}
