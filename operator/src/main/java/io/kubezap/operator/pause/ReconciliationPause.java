package io.kubezap.operator.pause;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.config.OperatorConfig;
import io.kubezap.operator.events.Reason;
import io.kubezap.operator.model.InstallationDigest;

import java.util.Map;
import java.util.Optional;

/**
 * Maintenance mode, as Strimzi's {@code strimzi.io/pause-reconciliation} annotation: a paused session's dependents
 * (Secrets, role, StatefulSet, its pod) are left exactly as they are, so nothing is changed and no pod restarted,
 * until the pause ends and the next reconcile carries out what changed meanwhile. Per session (the annotation) or for
 * every session ({@code kubezap.pause-reconciliation}). Deleting a paused session still logs it out and cleans up.
 * The annotation is the tenant's: it holds back the tenant's changes, never the admin's. A session whose StatefulSet
 * was made under installation settings since changed ({@link InstallationDigest}: an image, an allow-list, the database
 * quota, the KMS key, …) is reconciled as if not paused, its spec as it stands included (issue 79 S10).
 */
public record ReconciliationPause(boolean operatorWide, String installationDigest) {

    public static final String ANNOTATION = "kubezap.io/pause-reconciliation";

    public static ReconciliationPause of(OperatorConfig config) {
        return new ReconciliationPause(config.pauseReconciliation(), InstallationDigest.of(config.session()));
    }

    /**
     * Why the session's reconcile is held, or empty when it runs: as {@link #why(WhatsAppSession)}, but a session paused
     * by its annotation runs while {@code statefulSet} bears another installation's digest.
     */
    public Optional<Why> why(WhatsAppSession session, Optional<StatefulSet> statefulSet) {
        boolean installationChanged = statefulSet
                .map(made -> !InstallationDigest.stampedOn(made).equals(Optional.of(installationDigest))).orElse(false);
        return why(session).filter(why -> why.reason() == Reason.PausedByOperator || !installationChanged);
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
