package io.kubezap.session.metrics;

import io.kubezap.contract.PodPhase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Prometheus series of this session: {@code kubezap_session_phase{phase}} (1 for the current phase),
 * {@code kubezap_session_reconnects}, {@code kubezap_messages_total{direction,status}},
 * {@code kubezap_outbound_queue_depth} and {@code kubezap_send_latency_seconds}.
 */
@Singleton
public class SessionMetrics {

    private final MeterRegistry registry;
    private final Timer sendLatency;

    public SessionMetrics(MeterRegistry registry, SessionStateSource state, QueueDepth queue) {
        this.registry = registry;
        for (PodPhase phase : PodPhase.values()) {
            Gauge.builder("kubezap.session.phase", state, s -> s.current().phase() == phase ? 1 : 0)
                    .description("1 for the session's current phase")
                    .tag("phase", phase.name())
                    .register(registry);
        }
        Gauge.builder("kubezap.session.reconnects", state, s -> s.current().reconnects())
                .description("Times the session came back after a dropped connection")
                .register(registry);
        Gauge.builder("kubezap.outbound.queue.depth", queue, SessionMetrics::depthOrNaN)
                .description("Sends queued or in flight")
                .register(registry);
        this.sendLatency = Timer.builder("kubezap.send.latency")
                .description("Time the engine took to accept a message")
                .publishPercentileHistogram()
                .register(registry);
    }

    /** One message more in {@code status}, both given by their wire names ({@code in}/{@code out}, {@code sent}...). */
    public void counted(String direction, String status) {
        counter(direction, status).increment();
    }

    public void sendTook(Duration duration) {
        sendLatency.record(duration);
    }

    private Counter counter(String direction, String status) {
        return Counter.builder("kubezap.messages")
                .description("Messages by direction and status reached")
                .tag("direction", direction)
                .tag("status", status)
                .register(registry);
    }

    private static double depthOrNaN(QueueDepth queue) {
        try {
            return queue.depth();
        } catch (RuntimeException databaseAway) {
            return Double.NaN;
        }
    }
}
