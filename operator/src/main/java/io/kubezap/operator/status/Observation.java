package io.kubezap.operator.status;

import io.kubezap.api.v1alpha1.EffectiveOutputs;
import io.kubezap.contract.SessionState;

import java.util.List;

/**
 * Everything the operator saw of one session in one reconcile, the input of {@link StatusAggregator}: the resource,
 * its dependents' states and the pod's report.
 *
 * @param generation        metadata.generation of the resource
 * @param endpoint          in-cluster base URL of the session's REST API
 * @param apiKeySecret      name of the Secret holding the API key
 * @param suspended         spec.suspend
 * @param admitted          false while the operator's session limit holds the session back
 * @param podReady          the StatefulSet reports a ready replica
 * @param state             what the pod's REST API answered, or null when it was not asked or did not answer
 * @param apiError          why the REST API did not answer, when it was asked and failed
 * @param unknownPhase      the phase the REST API reported when it is none of the contract's (pod and operator out of step)
 * @param podProblem        why the pod is not ready, when Kubernetes says (image pull, crash loop, scheduling), or why
 *                          it was not created (a FailedCreate Event of the StatefulSet: quota, admission, PSA)
 * @param dependents        what the workflow's dependents reported
 * @param ignoredSpecFields set spec fields the operator does not carry out, each with why
 * @param outputs           the webhooks and sinks the pod gets once defaults are applied, null when not known
 * @param host              the session host that runs the session (placement Host, decision record 0021), null on a
 *                          pod of its own
 */
public record Observation(long generation, String endpoint, String apiKeySecret, boolean suspended, boolean admitted,
                          boolean podReady, SessionState state, String apiError, String unknownPhase,
                          PodDiagnosis.Problem podProblem, Dependents dependents, List<String> ignoredSpecFields,
                          EffectiveOutputs outputs, String host) {

    public Observation {
        dependents = dependents == null ? Dependents.NONE : dependents;
        ignoredSpecFields = ignoredSpecFields == null ? List.of() : List.copyOf(ignoredSpecFields);
    }

    public Observation(long generation, String endpoint, String apiKeySecret, boolean suspended, boolean admitted,
                       boolean podReady, SessionState state, String apiError, String unknownPhase,
                       PodDiagnosis.Problem podProblem, Dependents dependents, List<String> ignoredSpecFields,
                       EffectiveOutputs outputs) {
        this(generation, endpoint, apiKeySecret, suspended, admitted, podReady, state, apiError, unknownPhase, podProblem,
                dependents, ignoredSpecFields, outputs, null);
    }

    public Observation(long generation, String endpoint, String apiKeySecret, boolean suspended, boolean admitted,
                       boolean podReady, SessionState state, String apiError, String unknownPhase,
                       PodDiagnosis.Problem podProblem, Dependents dependents, List<String> ignoredSpecFields) {
        this(generation, endpoint, apiKeySecret, suspended, admitted, podReady, state, apiError, unknownPhase, podProblem,
                dependents, ignoredSpecFields, null);
    }

    public Observation(long generation, String endpoint, String apiKeySecret, boolean suspended, boolean admitted,
                       boolean podReady, SessionState state, String apiError, String unknownPhase,
                       PodDiagnosis.Problem podProblem) {
        this(generation, endpoint, apiKeySecret, suspended, admitted, podReady, state, apiError, unknownPhase, podProblem,
                Dependents.NONE, List.of());
    }

    public Observation(long generation, String endpoint, String apiKeySecret, boolean suspended, boolean admitted,
                       boolean podReady, SessionState state, String apiError) {
        this(generation, endpoint, apiKeySecret, suspended, admitted, podReady, state, apiError, null, null);
    }

    /** The same, with what the dependents reported. */
    public Observation with(Dependents reported) {
        return new Observation(generation, endpoint, apiKeySecret, suspended, admitted, podReady, state, apiError,
                unknownPhase, podProblem, reported, ignoredSpecFields, outputs, host);
    }

    /** The same, with the spec fields the operator does not carry out. */
    public Observation ignoring(List<String> fields) {
        return new Observation(generation, endpoint, apiKeySecret, suspended, admitted, podReady, state, apiError,
                unknownPhase, podProblem, dependents, fields, outputs, host);
    }

    /** The same, with where the session's events go. */
    public Observation withOutputs(EffectiveOutputs effective) {
        return new Observation(generation, endpoint, apiKeySecret, suspended, admitted, podReady, state, apiError,
                unknownPhase, podProblem, dependents, ignoredSpecFields, effective, host);
    }

    /** The same, run by {@code runningHost} (null: a pod of its own). */
    public Observation withHost(String runningHost) {
        return new Observation(generation, endpoint, apiKeySecret, suspended, admitted, podReady, state, apiError,
                unknownPhase, podProblem, dependents, ignoredSpecFields, outputs, runningHost);
    }

    /**
     * What the workflow's dependents reported in this reconcile.
     *
     * @param failure          why a dependent could not carry out the spec (a Secret missing, the database down, ...),
     *                         null when none failed
     * @param storageRefusal   why a larger spec.storage.size cannot reach the volume, null when nothing refuses it
     * @param storageModeKept  why the session keeps another storage mode than spec.storage.mode, null when it does not
     */
    public record Dependents(Failure failure, String storageRefusal, String storageModeKept) {

        public static final Dependents NONE = new Dependents(null, null);

        public Dependents(Failure failure, String storageRefusal) {
            this(failure, storageRefusal, null);
        }

        public static Dependents failed(String reason, String message) {
            return new Dependents(new Failure(reason, message), null);
        }
    }

    /** A reason the user reads (condition Ready=False, a Warning Event) and its message. */
    public record Failure(String reason, String message) {
    }
}
