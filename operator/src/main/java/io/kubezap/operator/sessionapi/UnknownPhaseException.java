package io.kubezap.operator.sessionapi;

/** The pod reported a phase outside the contract (io.kubezap.contract.PodPhase): a pod and operator out of step. */
public class UnknownPhaseException extends SessionApiException {

    private final String phase;

    public UnknownPhaseException(String phase) {
        super("the session pod reported phase " + phase + ", which this operator does not know");
        this.phase = phase;
    }

    public String phase() {
        return phase;
    }
}
