package io.kubezap.operator.metrics;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Gauge {@code kubezap_sessions{phase=...}}: how many sessions this operator sees in each phase. */
@ApplicationScoped
public class SessionPhaseGauge {

    public static final String NAME = "kubezap.sessions";

    private final Map<ResourceID, SessionPhase> phases = new ConcurrentHashMap<>();

    public SessionPhaseGauge(MeterRegistry registry) {
        for (SessionPhase phase : SessionPhase.values()) {
            Gauge.builder(NAME, phases, all -> count(all, phase))
                    .description("WhatsApp sessions by phase")
                    .tag("phase", phase.name())
                    .register(registry);
        }
    }

    public void record(ResourceID session, SessionPhase phase) {
        if (phase != null) {
            phases.put(session, phase);
        }
    }

    public void forget(ResourceID session) {
        phases.remove(session);
    }

    private static double count(Map<ResourceID, SessionPhase> all, SessionPhase phase) {
        return all.values().stream().filter(phase::equals).count();
    }
}
