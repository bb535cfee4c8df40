package io.kubezap.operator.reconciler;

/**
 * The operator's database Secret ({@code kubezap.database.secret-namespace}/{@code secret-name}) or one of its keys
 * does not exist (yet), so the session's copy cannot be written; reconciling is retried with backoff.
 */
public class MissingDatabaseSecretException extends MissingSecretException {

    public static final String REASON = "DatabaseSecretMissing";

    public MissingDatabaseSecretException(String message) {
        super(message);
    }

    @Override
    public String reason() {
        return REASON;
    }
}
