package io.kubezap.operator.resources;

/**
 * A Secret (or key) the session pod needs does not exist (yet). Reconciling is retried with backoff; meanwhile the
 * session shows condition Ready=False with {@link #reason()} and a Warning Event with the same reason.
 */
public class MissingSecretException extends RuntimeException {

    /** A webhook's {@code secretRef} names a Secret or key that is not there. */
    public static final String WEBHOOK = "WebhookSecretMissing";
    /** The operator's database Secret, or one of its three keys, is not there, so the session gets no copy. */
    public static final String DATABASE = "DatabaseSecretMissing";

    private final String reason;

    private MissingSecretException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    public static MissingSecretException webhook(String message) {
        return new MissingSecretException(WEBHOOK, message);
    }

    public static MissingSecretException database(String message) {
        return new MissingSecretException(DATABASE, message);
    }

    /** The condition and Event reason. */
    public String reason() {
        return reason;
    }
}
