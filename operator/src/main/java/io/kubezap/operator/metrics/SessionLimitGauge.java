package io.kubezap.operator.metrics;

import io.kubezap.operator.model.SessionAdmission;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Gauge {@code kubezap_operator_sessions_waiting_for_slot}: sessions refused a slot by {@code operator.maxSessions}
 * (phase Pending, reason SessionLimitReached), which start only when another session goes away. Zero on the operator
 * replicas that stand by.
 */
@Startup
@ApplicationScoped
public class SessionLimitGauge {

    public static final String NAME = "kubezap.operator.sessions.waiting.for.slot";

    private final MeterRegistry registry;
    private final Gauge gauge;

    public SessionLimitGauge(MeterRegistry registry, SessionAdmission admission) {
        this.registry = registry;
        this.gauge = Gauge.builder(NAME, admission, SessionAdmission::refusedCount)
                .description("WhatsApp sessions waiting for a slot under operator.maxSessions").register(registry);
    }

    /** As SessionPhaseGauge: the registry may outlive this bean. */
    @PreDestroy
    void unregister() {
        registry.remove(gauge);
    }
}
