package io.kubezap.session.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Prometheus meters of webhook delivery, per endpoint: attempts by what came of them (delivered,
 * retry scheduled, failed for good) and how long endpoints took to answer. Endpoints are named by
 * {@link EndpointLabel}: scheme, host, port and a hash — never the path or the query, which may carry a token.
 */
@Singleton
public class WebhookMetrics {

    /** What one attempt came to. */
    public enum Outcome { DELIVERED, RETRYING, FAILED }

    private final MeterRegistry registry;

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void attempted(WebhookEndpoint endpoint, Outcome outcome, Duration took) {
        String name = endpointName(endpoint.url());
        Counter.builder("kubezap.webhook.attempts")
                .description("Webhook delivery attempts by endpoint and outcome")
                .tag("endpoint", name)
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
        Timer.builder("kubezap.webhook.attempt.duration")
                .description("Time an endpoint took to answer a delivery (or to time out)")
                .tag("endpoint", name)
                .register(registry)
                .record(took);
    }

    static String endpointName(URI url) {
        return EndpointLabel.of(url);
    }
}
