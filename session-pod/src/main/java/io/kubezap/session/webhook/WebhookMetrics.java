package io.kubezap.session.webhook;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Summary;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Prometheus series of webhook delivery, per endpoint: {@code kubezap_webhook_attempts_total{endpoint,outcome}} (delivered,
 * retry scheduled, failed for good) and {@code kubezap_webhook_attempt_duration_seconds{endpoint}} (count and sum: how long
 * endpoints took to answer). Registered at the first attempt: a session without webhooks shows neither. Endpoints are
 * named by {@link EndpointLabel}: scheme, host, port and a hash — never the path or the query, which may carry a token.
 */
@Singleton
public class WebhookMetrics {

    /** What one attempt came to. */
    public enum Outcome { DELIVERED, RETRYING, FAILED }

    private final PrometheusRegistry registry;
    private Counter attempts;
    private Summary durations;

    public WebhookMetrics(PrometheusRegistry registry) {
        this.registry = registry;
    }

    void attempted(WebhookEndpoint endpoint, Outcome outcome, Duration took) {
        String name = endpointName(endpoint.url());
        registered();
        attempts.labelValues(name, outcome.name().toLowerCase(Locale.ROOT)).inc();
        durations.labelValues(name).observe(Unit.nanosToSeconds(took.toNanos()));
    }

    private synchronized void registered() {
        if (attempts == null) {
            attempts = Counter.builder().name("kubezap_webhook_attempts")
                    .help("Webhook delivery attempts by endpoint and outcome")
                    .labelNames("endpoint", "outcome").withoutExemplars()
                    .register(registry);
            durations = Summary.builder().name("kubezap_webhook_attempt_duration_seconds").unit(Unit.SECONDS)
                    .help("Time an endpoint took to answer a delivery (or to time out)")
                    .labelNames("endpoint").withoutExemplars()
                    .register(registry);
        }
    }

    static String endpointName(URI url) {
        return EndpointLabel.of(url);
    }
}
