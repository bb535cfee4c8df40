package io.kubezap.operator.metrics;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * JOSDK's {@code operator_sdk_*} meters per controller, without a series per session. Replaces the Quarkus Operator
 * SDK's {@code @DefaultBean}, which collects per resource: at 5,000 sessions that was a reconcile timer with
 * percentile histograms and five counters per session, about 70 MiB of the operator's 315 MiB live heap
 * (docs/benchmarks/2026-11-23-operator-5000-sessions.md), and about 80 Prometheus series per session (some 400,000
 * at 5,000).
 */
public class PerControllerSdkMetrics {

    @Produces
    @Singleton
    Metrics metrics(MeterRegistry registry) {
        return MicrometerMetrics.withoutPerResourceMetrics(registry);
    }
}
