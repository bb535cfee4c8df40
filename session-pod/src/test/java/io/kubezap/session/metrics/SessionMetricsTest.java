package io.kubezap.session.metrics;

import io.kubezap.contract.PodPhase;
import io.kubezap.contract.SessionState;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The series an alert or a dashboard reads off a session pod, as Prometheus scrapes them. */
class SessionMetricsTest {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final AtomicReference<SessionState> state = new AtomicReference<>(SessionState.starting("loja-01", "shop"));
    private long pending = 4;
    private boolean databaseAway;
    private int pendingCounted;
    private final java.util.concurrent.atomic.AtomicLong writesEnded = new java.util.concurrent.atomic.AtomicLong();

    private final SessionMetrics metrics = new SessionMetrics(registry, state::get, () -> 2, () -> {
        pendingCounted++;
        if (databaseAway) {
            throw new IllegalStateException("database out of reach");
        }
        return pending;
    }, writesEnded::get);

    @Test
    void reconnectsAreACounterAndTheLastConnectionATimestamp() {
        assertThat(scrape()).contains("kubezap_session_reconnects_total 0.0")
                .contains("kubezap_session_last_connected_timestamp_seconds NaN");

        state.set(state.get().withConnection(null, Instant.ofEpochSecond(1_790_000_000L), 3).withPhase(PodPhase.Connected));

        assertThat(scrape()).contains("kubezap_session_reconnects_total 3.0")
                .contains("kubezap_session_last_connected_timestamp_seconds 1.79E9")
                .contains("kubezap_session_phase{phase=\"Connected\"} 1.0")
                .contains("kubezap_session_phase{phase=\"Reconnecting\"} 0.0")
                .contains("# TYPE kubezap_session_reconnects_total counter");
    }

    @Test
    void pendingWebhookDeliveriesAndQueuedSendsAreGaugesThatShowNothingWhileTheDatabaseIsAway() {
        metrics.counted("out", "sent");

        assertThat(scrape()).contains("kubezap_webhook_deliveries_pending 4.0").contains("kubezap_outbound_queue_depth 2.0")
                .contains("kubezap_messages_total{direction=\"out\",status=\"sent\"} 1.0");

        databaseAway = true;
        writesEnded.incrementAndGet();

        assertThat(scrape()).contains("kubezap_webhook_deliveries_pending NaN");
    }

    /**
     * The chart scrapes every 30 s, more often than the pool's idle timeout: were each scrape to count rows, an idle
     * session would hold a database connection for good and query it for ever (10,000 sessions: ~670 queries a second).
     */
    @Test
    void scrapesOfAnIdleSessionCountItsRowsAgainOnlyAfterAWrite() {
        scrape();
        scrape();
        assertThat(scrape()).contains("kubezap_webhook_deliveries_pending 4.0");
        assertThat(pendingCounted).as("counts read for three scrapes without a write between").isOne();

        pending = 5;
        writesEnded.incrementAndGet();

        assertThat(scrape()).contains("kubezap_webhook_deliveries_pending 5.0");
        assertThat(pendingCounted).isEqualTo(2);
    }

    /** The buckets (seconds) an alert on send latency reads: 0.1 s to 30 s, as before Micrometer left the pod. */
    @Test
    void sendLatencyIsAHistogramInSecondsWithFixedBuckets() {
        metrics.sendTook(java.time.Duration.ofMillis(300));

        assertThat(scrape()).contains("# TYPE kubezap_send_latency_seconds histogram")
                .contains("kubezap_send_latency_seconds_bucket{le=\"0.1\"} 0")
                .contains("kubezap_send_latency_seconds_bucket{le=\"0.25\"} 0")
                .contains("kubezap_send_latency_seconds_bucket{le=\"0.5\"} 1")
                .contains("kubezap_send_latency_seconds_bucket{le=\"30.0\"} 1")
                .contains("kubezap_send_latency_seconds_bucket{le=\"+Inf\"} 1")
                .contains("kubezap_send_latency_seconds_count 1")
                .contains("kubezap_send_latency_seconds_sum 0.3");
    }

    /** The sources are lambdas only the gauges hold: a weakly held one reads NaN once the collector ran. */
    @Test
    void theSeriesStillReadTheirSourcesAfterAGarbageCollection() {
        var alone = new PrometheusRegistry();
        SessionMetrics bean = register(alone);

        for (int i = 0; i < 3; i++) {
            System.gc();
        }

        assertThat(text(alone)).contains("kubezap_session_phase{phase=\"Starting\"} 1.0")
                .contains("kubezap_outbound_queue_depth 7.0").contains("kubezap_webhook_deliveries_pending 9.0")
                .contains("kubezap_session_reconnects_total 0.0");
        java.lang.ref.Reference.reachabilityFence(bean); // alive as the application's bean is
    }

    private static SessionMetrics register(PrometheusRegistry registry) {
        SessionState starting = SessionState.starting("loja-02", "shop");
        return new SessionMetrics(registry, () -> starting, () -> 7, () -> 9, () -> 0);
    }

    private String scrape() {
        return text(registry);
    }

    /** As /q/metrics writes it for Prometheus (text format 0.0.4). */
    private static String text(PrometheusRegistry registry) {
        return ExpositionFormats.init().getPrometheusTextFormatWriter().toDebugString(registry.scrape());
    }
}
