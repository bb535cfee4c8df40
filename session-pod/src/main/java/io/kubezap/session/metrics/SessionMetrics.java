package io.kubezap.session.metrics;

import io.kubezap.contract.PodPhase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Prometheus series of this session: {@code kubezap_session_phase{phase}} (1 for the current phase),
 * {@code kubezap_session_reconnects_total}, {@code kubezap_session_last_connected_timestamp_seconds},
 * {@code kubezap_messages_total{direction,status}}, {@code kubezap_outbound_queue_depth},
 * {@code kubezap_webhook_deliveries_pending} and {@code kubezap_send_latency_seconds}. The session's namespace and name
 * are not labels here: Prometheus adds them from the pod (the chart's PodMonitor). The sources the series read are
 * held here: Micrometer's gauges and function counters hold theirs weakly, and a source nothing else held (a
 * lambda) read NaN after a garbage collection.
 */
@Singleton
public class SessionMetrics {

    /**
     * Fixed buckets instead of Micrometer's percentile histogram (about 70 buckets): kept by the chart's PodMonitor
     * for every session, those were most of a pod's series.
     */
    private static final Duration[] SEND_LATENCY_BUCKETS = Stream.of(100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000)
            .map(Duration::ofMillis).toArray(Duration[]::new);

    private final MeterRegistry registry;
    private final Timer sendLatency;
    private final SessionStateSource state;
    private final QueueDepth queue;
    private final WebhookBacklog webhooks;

    public SessionMetrics(MeterRegistry registry, SessionStateSource state, QueueDepth queue, WebhookBacklog webhooks) {
        this.registry = registry;
        this.state = state;
        this.queue = queue;
        this.webhooks = webhooks;
        for (PodPhase phase : PodPhase.values()) {
            Gauge.builder("kubezap.session.phase", state, s -> s.current().phase() == phase ? 1 : 0)
                    .description("1 for the session's current phase")
                    .tag("phase", phase.name())
                    .register(registry);
        }
        FunctionCounter.builder("kubezap.session.reconnects", state, s -> s.current().reconnects())
                .description("Times the session came back after a dropped connection")
                .register(registry);
        Gauge.builder("kubezap.session.last.connected.timestamp.seconds", state, SessionMetrics::lastConnectedOrNaN)
                .description("When the session last connected to WhatsApp, in seconds since the epoch")
                .register(registry);
        Gauge.builder("kubezap.outbound.queue.depth", queue, q -> orNaN(q::depth))
                .description("Sends queued or in flight")
                .register(registry);
        Gauge.builder("kubezap.webhook.deliveries.pending", webhooks, w -> orNaN(w::pending))
                .description("Webhook deliveries not yet accepted by their endpoint")
                .register(registry);
        this.sendLatency = Timer.builder("kubezap.send.latency")
                .description("Time the engine took to accept a message")
                .serviceLevelObjectives(SEND_LATENCY_BUCKETS)
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

    private static double orNaN(LongSupplier count) {
        try {
            return count.getAsLong();
        } catch (RuntimeException databaseAway) {
            return Double.NaN;
        }
    }

    private static double lastConnectedOrNaN(SessionStateSource state) {
        Instant at = state.current().lastConnectedAt();
        return at == null ? Double.NaN : at.getEpochSecond() + at.getNano() / 1e9;
    }
}
