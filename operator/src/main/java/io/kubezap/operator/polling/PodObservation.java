package io.kubezap.operator.polling;

import io.kubezap.contract.PodPhase;
import io.kubezap.contract.SessionState;
import io.kubezap.operator.status.PodDiagnosis;

/**
 * One poll of a session's pod. Two polls that saw the same are equal, and an equal one wakes no reconcile.
 *
 * @param target             what was asked
 * @param state              what the REST API answered ({@link PollTarget.Kind#API}), or null
 * @param apiError           why the REST API did not answer, when it was asked
 * @param unknownPhase       the phase the REST API reported when it is none of the contract's
 * @param podProblem         why the pod is not ready, or why it was not created, when Kubernetes says
 *                           ({@link PollTarget.Kind#POD})
 * @param stuckOnOldRevision the pod never became ready and runs an older template than its StatefulSet's
 */
public record PodObservation(PollTarget target, SessionState state, String apiError, String unknownPhase,
                             PodDiagnosis.Problem podProblem, boolean stuckOnOldRevision) {

    static PodObservation nothing(PollTarget target) {
        return new PodObservation(target, null, null, null, null, false);
    }

    /** The pod's session is connected: the slow interval will do. */
    boolean connected() {
        return state != null && state.phase() == PodPhase.Connected;
    }
}
