package io.kubezap.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.contract.PodPhase;
import io.kubezap.contract.SessionState;

import java.util.List;

/**
 * A session's status when only its pod's report is new, without the session's reconcile: after an operator restart
 * thousands of reconciles queue first come first served, and a pod that said its state changed must not wait for its
 * session's turn among them. Everything the reconcile would read elsewhere (the dependents, the StatefulSet, the
 * session limit) is taken as the status shows it, which is only sound while the status shows the session served by
 * its ready pod for the spec as it is now ({@link #servedByReadyPod}).
 */
public final class PodReport {

    private PodReport() {
    }

    /**
     * The status was written for the current spec (its observedGeneration), with the pod ready and answering, and the
     * session is not suspended: what is new can only come from the pod.
     */
    public static boolean servedByReadyPod(WhatsAppSession session) {
        WhatsAppSessionStatus status = session.getStatus();
        return status != null && status.getObservedGeneration() != null && status.getObservedGeneration() == generation(session)
                && !session.getSpec().suspended()
                && status.condition(WhatsAppSessionStatus.CONDITION_POD_READY)
                .filter(ready -> Conditions.TRUE.equals(ready.getStatus())).isPresent();
    }

    /**
     * A report the status may take without the reconcile: not one that shows a QR, pairing code or passkey challenge, which the status
     * names the pairing Secret of, and only the reconcile writes that Secret.
     */
    public static boolean needsNoDependent(SessionState state) {
        return state.phase() != PodPhase.WaitingForQR && state.phase() != PodPhase.WaitingForPairingCode
                && state.phase() != PodPhase.WaitingForPasskey;
    }

    /**
     * What the session's reconcile would observe, when its dependents report what its status shows: the pod's
     * {@code state}, the rest from the status; the spec fields ignored are the caller's (they need the installation).
     */
    public static Observation observation(WhatsAppSession session, SessionState state, List<String> ignoredSpecFields) {
        WhatsAppSessionStatus status = session.getStatus();
        var dependents = new Observation.Dependents(null,
                message(status, StatusAggregator.CONDITION_STORAGE_RESIZED),
                message(status, StatusAggregator.CONDITION_STORAGE_MODE_KEPT));
        return new Observation(generation(session), status.getEndpoint(), status.getApiKeySecret(),
                false, true, true, state, null, null, null, dependents, ignoredSpecFields, null)
                .withHost(status.getHost());
    }

    /** As a reconcile reads it (none is 0). */
    private static long generation(WhatsAppSession session) {
        Long generation = session.getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }

    private static String message(WhatsAppSessionStatus status, String type) {
        return status.condition(type).map(Condition::getMessage).orElse(null);
    }
}
