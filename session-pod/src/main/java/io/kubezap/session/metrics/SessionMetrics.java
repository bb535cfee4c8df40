package io.kubezap.session.metrics;

import io.kubezap.contract.PodPhase;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Prometheus series of this session: {@code kubezap_session_phase{phase}} (1 for the current phase),
 * {@code kubezap_session_reconnects_total}, {@code kubezap_session_reconnect_stalls_total},
 * {@code kubezap_session_last_connected_timestamp_seconds},
 * {@code kubezap_messages_total{direction,status}}, {@code kubezap_outbound_queue_depth},
 * {@code kubezap_webhook_deliveries_pending} and {@code kubezap_send_latency_seconds}. The session's namespace and name
 * are not labels here: Prometheus adds them from the pod (the chart's PodMonitor). The names, types and labels are the
 * ones Micrometer gave them before (the chart's alerts and dashboard query them: {@code WebhookDeliveryTest}). The two
 * counts of rows are read again only after the session wrote ({@link CountSinceWrites}).
 */
@Singleton
public class SessionMetrics {

    /**
     * Fixed buckets, in seconds (not a percentile histogram of some 70 buckets: kept by the chart's PodMonitor for every
     * session, those were most of a pod's series).
     */
    private static final double[] SEND_LATENCY_BUCKETS = {0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};

    private final Counter messages;
    private final Histogram sendLatency;

    public SessionMetrics(PrometheusRegistry registry, SessionStateSource state, QueueDepth queue, WebhookBacklog webhooks,
                          RowWrites writes) {
        var queueDepth = new CountSinceWrites(writes::writesEnded, queue::depth);
        var webhooksPending = new CountSinceWrites(writes::writesEnded, webhooks::pending);
        GaugeWithCallback.builder().name("kubezap_session_phase").help("1 for the session's current phase")
                .labelNames("phase")
                .callback(series -> {
                    PodPhase current = state.current().phase();
                    for (PodPhase phase : PodPhase.values()) {
                        series.call(phase == current ? 1 : 0, phase.name());
                    }
                })
                .register(registry);
        CounterWithCallback.builder().name("kubezap_session_reconnects")
                .help("Times the session came back after a dropped connection")
                .callback(series -> series.call(state.current().reconnects()))
                .register(registry);
        CounterWithCallback.builder().name("kubezap_session_reconnect_stalls")
                .help("Reconnects the pod found stalled (a login with nothing pending, or no attempt at all) and started again")
                .callback(series -> series.call(state.reconnectStalls()))
                .register(registry);
        GaugeWithCallback.builder().name("kubezap_session_last_connected_timestamp_seconds")
                .help("When the session last connected to WhatsApp, in seconds since the epoch")
                .callback(series -> series.call(lastConnectedOrNaN(state)))
                .register(registry);
        GaugeWithCallback.builder().name("kubezap_outbound_queue_depth").help("Sends queued or in flight")
                .callback(series -> series.call(orNaN(queueDepth::current)))
                .register(registry);
        GaugeWithCallback.builder().name("kubezap_webhook_deliveries_pending")
                .help("Webhook deliveries not yet accepted by their endpoint")
                .callback(series -> series.call(orNaN(webhooksPending::current)))
                .register(registry);
        RestrictionGauges.register(registry, state);
        this.messages = Counter.builder().name("kubezap_messages").help("Messages by direction and status reached")
                .labelNames("direction", "status").withoutExemplars()
                .register(registry);
        this.sendLatency = Histogram.builder().name("kubezap_send_latency_seconds").unit(Unit.SECONDS)
                .help("Time the engine took to accept a message")
                .classicOnly().classicUpperBounds(SEND_LATENCY_BUCKETS).withoutExemplars()
                .register(registry);
    }

    /** One message more in {@code status}, both given by their wire names ({@code in}/{@code out}, {@code sent}...). */
    public void counted(String direction, String status) {
        messages.labelValues(direction, status).inc();
    }

    public void sendTook(Duration duration) {
        sendLatency.observe(Unit.nanosToSeconds(duration.toNanos()));
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
