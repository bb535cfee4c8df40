package io.kubezap.operator.metrics;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Gauge {@code kubezap_sessions{phase=...}}: how many sessions this operator sees in each phase. */
@ApplicationScoped
public class SessionPhaseGauge {

    public static final String NAME = "kubezap.sessions";

    private final Map<ResourceID, SessionPhase> phases = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final List<Gauge> gauges = new ArrayList<>();

    public SessionPhaseGauge(MeterRegistry registry) {
        this.registry = registry;
        for (SessionPhase phase : SessionPhase.values()) {
            gauges.add(Gauge.builder(NAME, phases, all -> count(all, phase))
                    .description("WhatsApp sessions by phase")
                    .tag("phase", phase.name())
                    .register(registry));
        }
    }

    /**
     * The registry may outlive this bean (Micrometer's global registry across an application restart, as in tests): a
     * gauge left there would keep answering from this bean's sessions, and the next bean's registration would get it back.
     */
    @PreDestroy
    void unregister() {
        gauges.forEach(registry::remove);
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
