package io.kubezap.session.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Prometheus meters per sink (named by the sink's name and kind, never its address): events the broker took, batches
 * that failed, and how long a batch took to be acknowledged. The backlog is in the status API and the outbox.
 */
@Singleton
public class SinkMetrics {

    private final MeterRegistry registry;

    public SinkMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void published(BrokerSink sink, int events, Duration took) {
        Counter.builder("kubezap.sink.events.published")
                .description("Events a sink's broker acknowledged")
                .tag("sink", sink.name()).tag("kind", sink.kind().name())
                .register(registry).increment(events);
        Timer.builder("kubezap.sink.batch.duration")
                .description("Time from publishing a batch of events to the broker's acknowledgement of all of them")
                .tag("sink", sink.name()).tag("kind", sink.kind().name())
                .register(registry).record(took);
    }

    void failed(BrokerSink sink) {
        Counter.builder("kubezap.sink.batches.failed")
                .description("Batches a sink could not publish (retried until they are)")
                .tag("sink", sink.name()).tag("kind", sink.kind().name())
                .register(registry).increment();
    }
}
