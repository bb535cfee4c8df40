package io.kubezap.session.config;

import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How long rows are kept ({@code KUBEZAP_RETENTION_*}, from the session's {@code spec.retention}); media: KUBEZAP_MEDIA_RETENTION. */
public interface RetentionSettings {

    /** KUBEZAP_RETENTION_MESSAGES: messages (with their statuses, reactions, receipts and files) older than this go. */
    @WithDefault("365d")
    Duration messages();

    /** KUBEZAP_RETENTION_EVENTS: events older than this go (with their finished webhook deliveries). */
    @WithDefault("7d")
    Duration events();

    /** KUBEZAP_RETENTION_WEBHOOK_DELIVERIES: delivered and failed webhook deliveries older than this go. */
    @WithDefault("7d")
    Duration webhookDeliveries();

    /** How often the pruning runs (the first time this long after start). */
    @WithDefault("1h")
    Duration interval();

    /** Rows deleted per transaction: each holds its row locks for a moment only. */
    @WithDefault("500")
    int batchSize();
}
