package io.kubezap.session.metrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The pod's one registry of Prometheus series, served at {@code /q/metrics} ({@link MetricsEndpoint}). Not the client's
 * static default registry: a test JVM that starts the application twice would register every series twice there.
 */
public class MetricsRegistry {

    @Produces
    @Singleton
    PrometheusRegistry registry() {
        return new PrometheusRegistry();
    }
}
