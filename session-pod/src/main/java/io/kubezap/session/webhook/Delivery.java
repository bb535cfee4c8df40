package io.kubezap.session.webhook;

import java.time.Instant;

/** One event for one endpoint, as stored in the outbox and shown by {@code GET /webhooks/deliveries}. */
public record Delivery(String id, long eventId, String event, String endpointUrl, DeliveryStatus status,
                       int attempts, Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatusCode,
                       String lastError, Instant createdAt, Instant deliveredAt) {
}
