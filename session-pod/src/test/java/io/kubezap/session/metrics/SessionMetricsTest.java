package io.kubezap.session.metrics;

import io.kubezap.contract.PodPhase;
import io.kubezap.contract.SessionState;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The series an alert or a dashboard reads off a session pod, as Prometheus scrapes them. */
class SessionMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<SessionState> state = new AtomicReference<>(SessionState.starting("loja-01", "shop"));
    private long pending = 4;
    private boolean databaseAway;

    private final SessionMetrics metrics = new SessionMetrics(registry, state::get, () -> 2, () -> {
        if (databaseAway) {
            throw new IllegalStateException("database out of reach");
        }
        return pending;
    });

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

        assertThat(scrape()).contains("kubezap_webhook_deliveries_pending NaN");
    }

    /** The sources are lambdas only the gauges hold: a weakly held one reads NaN once the collector ran. */
    @Test
    void theSeriesStillReadTheirSourcesAfterAGarbageCollection() {
        var alone = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        SessionMetrics bean = register(alone);

        for (int i = 0; i < 3; i++) {
            System.gc();
        }

        assertThat(alone.scrape().replace(",}", "}")).contains("kubezap_session_phase{phase=\"Starting\"} 1.0")
                .contains("kubezap_outbound_queue_depth 7.0").contains("kubezap_webhook_deliveries_pending 9.0")
                .contains("kubezap_session_reconnects_total 0.0");
        java.lang.ref.Reference.reachabilityFence(bean); // alive as the application's bean is
    }

    private static SessionMetrics register(PrometheusMeterRegistry registry) {
        SessionState starting = SessionState.starting("loja-02", "shop");
        return new SessionMetrics(registry, () -> starting, () -> 7, () -> 9);
    }

    /** Label sets as Prometheus' current text format writes them (this registry adds a trailing comma). */
    private String scrape() {
        return registry.scrape().replace(",}", "}");
    }
}
