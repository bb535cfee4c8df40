package io.kubezap.session.sink;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Prometheus series per sink (named by the sink's name and kind, never its address), registered at a sink's first batch (an SQS sink's dead letters at its first connection):
 * {@code kubezap_sink_events_published_total} (events the broker took), {@code kubezap_sink_batches_failed_total} and
 * {@code kubezap_sink_batch_duration_seconds} (count and sum: how long a batch took to be acknowledged) and
 * {@code kubezap_sink_events_dead_lettered_total} (events an SQS queue refused, sent to the dead-letter queue). The
 * backlog is in the status API and the outbox.
 */
@Singleton
public class SinkMetrics {

    private final PrometheusRegistry registry;
    private Counter published;
    private Counter failed;
    private Summary batches;
    private Counter deadLettered;

    public SinkMetrics(PrometheusRegistry registry) {
        this.registry = registry;
    }

    void published(BrokerSink sink, int events, Duration took) {
        registered();
        published.labelValues(sink.name(), sink.kind().name()).inc(events);
        batches.labelValues(sink.name(), sink.kind().name()).observe(Unit.nanosToSeconds(took.toNanos()));
    }

    void failed(BrokerSink sink) {
        registered();
        failed.labelValues(sink.name(), sink.kind().name()).inc();
    }

    /**
     * An SQS sink's dead-letter series from its first connection, at 0: the alert reads its increase, which a series
     * born at 1 (at the first dead letter) would not show.
     */
    void noneDeadLettered(BrokerSink sink) {
        registered();
        deadLettered.labelValues(sink.name(), sink.kind().name());
    }

    void deadLettered(BrokerSink sink) {
        registered();
        deadLettered.labelValues(sink.name(), sink.kind().name()).inc();
    }

    private synchronized void registered() {
        if (published == null) {
            published = Counter.builder().name("kubezap_sink_events_published")
                    .help("Events a sink's broker acknowledged")
                    .labelNames("sink", "kind").withoutExemplars()
                    .register(registry);
            failed = Counter.builder().name("kubezap_sink_batches_failed")
                    .help("Batches a sink could not publish (retried until they are)")
                    .labelNames("sink", "kind").withoutExemplars()
                    .register(registry);
            batches = Summary.builder().name("kubezap_sink_batch_duration_seconds").unit(Unit.SECONDS)
                    .help("Time from publishing a batch of events to the broker's acknowledgement of all of them")
                    .labelNames("sink", "kind").withoutExemplars()
                    .register(registry);
            deadLettered = Counter.builder().name("kubezap_sink_events_dead_lettered")
                    .help("Events a sink's queue refused as themselves, sent to its dead-letter queue instead")
                    .labelNames("sink", "kind").withoutExemplars()
                    .register(registry);
        }
    }
}
