package io.kubezap.operator.pause;

import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.config.OperatorConfig;
import io.kubezap.operator.events.Reason;

import java.util.Map;
import java.util.Optional;

/**
 * Maintenance mode, as Strimzi's {@code strimzi.io/pause-reconciliation} annotation: a paused session's dependents
 * (Secrets, role, StatefulSet, its pod) are left exactly as they are, so nothing is changed and no pod restarted,
 * until the pause ends and the next reconcile carries out what changed meanwhile. Per session (the annotation) or for
 * every session ({@code kubezap.pause-reconciliation}). Deleting a paused session still logs it out and cleans up.
 */
public record ReconciliationPause(boolean operatorWide) {

    public static final String ANNOTATION = "kubezap.io/pause-reconciliation";

    public static ReconciliationPause of(OperatorConfig config) {
        return new ReconciliationPause(config.pauseReconciliation());
    }

    /** Why the session is paused (reason and message), or empty when it is reconciled. */
    public Optional<Why> why(WhatsAppSession session) {
        if (operatorWide) {
            return Optional.of(new Why(Reason.PausedByOperator, "the operator's kubezap.pause-reconciliation is true "
                    + "(chart: operator.pauseReconciliation): nothing is reconciled and no pod restarted"));
        }
        return annotated(session) ? Optional.of(new Why(Reason.PausedByAnnotation, "annotation " + ANNOTATION
                + " is \"true\": nothing is reconciled and no pod restarted until it is removed")) : Optional.empty();
    }

    public boolean applies(WhatsAppSession session) {
        return operatorWide || annotated(session);
    }

    static boolean annotated(WhatsAppSession session) {
        Map<String, String> annotations = session.getMetadata().getAnnotations();
        return annotations != null && "true".equalsIgnoreCase(annotations.get(ANNOTATION));
    }

    public record Why(Reason reason, String message) {
    }
}
