package io.kubezap.session.chatwoot;

/**
 * A call to Chatwoot that failed: {@code status} is Chatwoot's answer (0 when none came); transient when trying again
 * later may succeed (no answer, 408, 429, 5xx).
 */
final class ChatwootException extends RuntimeException {

    private final int status;

    ChatwootException(String message, int status) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    boolean isTransient() {
        return status == 0 || status == 408 || status == 429 || status >= 500;
    }
}
