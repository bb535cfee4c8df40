package io.kubezap.operator.reconciler;

/** A webhook's secretRef names a Secret or key that does not exist (yet); reconciling is retried with backoff. */
public class MissingWebhookSecretException extends MissingSecretException {

    public static final String REASON = "WebhookSecretMissing";

    public MissingWebhookSecretException(String message) {
        super(message);
    }

    @Override
    public String reason() {
        return REASON;
    }
}
