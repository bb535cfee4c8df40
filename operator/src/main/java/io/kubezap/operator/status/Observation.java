package io.kubezap.operator.status;

import io.kubezap.contract.SessionState;

/**
 * Everything the operator saw of one session in one reconcile, the input of {@link StatusAggregator}.
 *
 * @param generation   metadata.generation of the resource
 * @param endpoint     in-cluster base URL of the session's REST API
 * @param apiKeySecret name of the Secret holding the API key
 * @param suspended    spec.suspend
 * @param admitted     false while the operator's session limit holds the session back
 * @param podReady     the StatefulSet reports a ready replica
 * @param state        what the pod's REST API answered, or null when it was not asked or did not answer
 * @param apiError     why the REST API did not answer, when it was asked and failed
 * @param unknownPhase the phase the REST API reported when it is none of the contract's (pod and operator out of step)
 * @param podProblem   why an existing pod is not ready, when Kubernetes says (image pull, crash loop, scheduling)
 */
public record Observation(long generation, String endpoint, String apiKeySecret, boolean suspended, boolean admitted,
                          boolean podReady, SessionState state, String apiError, String unknownPhase,
                          PodDiagnosis.Problem podProblem) {

    public Observation(long generation, String endpoint, String apiKeySecret, boolean suspended, boolean admitted,
                       boolean podReady, SessionState state, String apiError) {
        this(generation, endpoint, apiKeySecret, suspended, admitted, podReady, state, apiError, null, null);
    }
}
