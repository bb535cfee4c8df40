package io.kubezap.operator.database;

/** The admin connection or a statement on it failed; the reconcile is retried with backoff. */
public class DatabaseUnavailableException extends RuntimeException {

    /** The condition and Event reason. */
    public static final String REASON = "DatabaseUnavailable";

    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
