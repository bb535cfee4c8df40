package io.kubezap.operator.database;

/** The admin connection or a statement on it failed; the reconcile is retried with backoff. */
public class DatabaseUnavailableException extends RuntimeException {

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
