package io.kubezap.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Counter {@code kubezap_operator_reconcile_errors_total{reason, fault}}: failed reconciles by the reason their Event
 * gives. {@code fault="tenant"}: the session's own spec or Secrets need a change (a missing Secret, a reserved
 * variable), which pages the tenant through the session's conditions, not the platform; {@code fault="platform"}:
 * everything else (the database, the API server, a bug), which the platform's alert counts. JOSDK's
 * {@code operator_sdk_reconciliations_failed_total} counts both alike.
 */
@ApplicationScoped
public class ReconcileErrors {

    public static final String NAME = "kubezap.operator.reconcile.errors";

    private final MeterRegistry registry;

    public ReconcileErrors(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String reason, boolean tenantsFault) {
        Counter.builder(NAME).description("Failed reconciles of WhatsAppSessions by reason")
                .tag("reason", reason).tag("fault", tenantsFault ? "tenant" : "platform")
                .register(registry).increment();
    }
}
