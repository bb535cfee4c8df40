package io.kubezap.session.engine;

/** WhatsApp did not accept a message; {@code retryable} tells a transient failure from a permanent one. */
public class SendFailedException extends RuntimeException {

    private final boolean retryable;

    public SendFailedException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
