package io.kubezap.session.metrics;

/**
 * Where the webhook gauge reads how many deliveries wait for their endpoint (the outbox). Deliveries given up on are
 * counted as they happen, by {@code kubezap_webhook_attempts_total{outcome="failed"}}.
 */
public interface WebhookBacklog {

    /** Deliveries not yet accepted by their endpoint; throws while the database is out of reach. */
    long pending();
}
