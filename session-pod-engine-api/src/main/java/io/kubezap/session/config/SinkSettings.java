package io.kubezap.session.config;

import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Publishing tuning ({@code KUBEZAP_SINK_*}); the sinks themselves come from KUBEZAP_EVENT_SINKS_FILE. */
public interface SinkSettings {

    /** KUBEZAP_SINK_RETRY_INITIAL_DELAY: the first retry of a failed batch waits about this long. */
    @WithDefault("1s")
    Duration retryInitialDelay();

    /** KUBEZAP_SINK_RETRY_MAX_DELAY: no retry waits longer (a sink retries for as long as it fails: nothing is dropped). */
    @WithDefault("1m")
    Duration retryMaxDelay();

    /** KUBEZAP_SINK_TIMEOUT: connecting, and the broker's acknowledgement of a batch, must take less. */
    @WithDefault("10s")
    Duration timeout();

    /** KUBEZAP_SINK_BATCH: most events published before the broker's acknowledgements are awaited. */
    @WithDefault("100")
    int batch();

    /**
     * KUBEZAP_SINK_DEAD_LETTER_AFTER: an SQS sink with a dead-letter queue sends an event there once its own queue has
     * refused it this many times (failures of the connection or the credentials never count: those are retried).
     */
    @WithDefault("5")
    int deadLetterAfter();

    /**
     * KUBEZAP_SINK_POLL_INTERVAL: how long a sink with nothing queued waits for a wake-up (every stored event wakes it at
     * once) before it looks at its queue anyway; a safety net, longer than the pool's idle timeout.
     */
    @WithDefault("5m")
    Duration pollInterval();
}
