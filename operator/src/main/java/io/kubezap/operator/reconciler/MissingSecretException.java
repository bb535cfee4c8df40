package io.kubezap.operator.reconciler;

/**
 * A Secret (or key) the session pod needs does not exist (yet). Reconciling is retried with backoff; meanwhile the
 * session shows condition Ready=False with {@link #reason()} and a Warning Event with the same reason.
 */
public abstract class MissingSecretException extends RuntimeException {

    protected MissingSecretException(String message) {
        super(message);
    }

    /** The condition and Event reason. */
    public abstract String reason();
}
