package io.kubezap.system.node;

/** Why a container could not start, with the waiting reason a kubelet would show for it. */
final class PodStartException extends RuntimeException {

    private final String reason;

    PodStartException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
