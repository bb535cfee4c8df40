package io.kubezap.session.config;

import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Delivery tuning ({@code KUBEZAP_WEBHOOK_*}); the endpoints themselves come from KUBEZAP_WEBHOOKS_FILE. */
public interface WebhookSettings {

    /** KUBEZAP_WEBHOOK_MAX_ATTEMPTS: attempts before a delivery becomes a dead letter. */
    @WithDefault("10")
    int maxAttempts();

    /** KUBEZAP_WEBHOOK_RETRY_INITIAL_DELAY: the first retry waits up to this long (full jitter). */
    @WithDefault("5s")
    Duration retryInitialDelay();

    /** KUBEZAP_WEBHOOK_RETRY_MAX_DELAY: no retry waits longer than this. */
    @WithDefault("15m")
    Duration retryMaxDelay();

    /** KUBEZAP_WEBHOOK_TIMEOUT: an endpoint that has not answered by then counts as failed. */
    @WithDefault("10s")
    Duration timeout();

    /**
     * KUBEZAP_WEBHOOK_POLL_INTERVAL: how long an endpoint worker with nothing pending waits for a wake-up (every stored
     * event and every redelivery wakes it at once) before it looks at the outbox anyway; a safety net, longer than the
     * pool's idle timeout so that an idle session holds no database connection.
     */
    @WithDefault("5m")
    Duration pollInterval();
}
