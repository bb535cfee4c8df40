package io.kubezap.operator.model;

import io.kubezap.operator.events.Reason;
import io.kubezap.operator.events.ReasonedFailure;

/**
 * A Secret (or key) the session pod needs does not exist (yet). Reconciling is retried with backoff; meanwhile the
 * session shows condition Ready=False with {@link #reason()} and a Warning Event with the same reason.
 */
public class MissingSecretException extends RuntimeException implements ReasonedFailure {

    private final Reason reason;

    private MissingSecretException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public static MissingSecretException webhook(String message) {
        return new MissingSecretException(Reason.WebhookSecretMissing, message);
    }

    public static MissingSecretException database(String message) {
        return new MissingSecretException(Reason.DatabaseSecretMissing, message);
    }

    /** The condition and Event reason. */
    @Override
    public Reason reason() {
        return reason;
    }
}
