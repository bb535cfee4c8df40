package io.kubezap.session.db;

/** A statement, its results or its transaction failed in the database (the cause, when there is one, is the driver's). */
public class DatabaseException extends RuntimeException {

    public DatabaseException(String message, Throwable cause) {
        super(cause == null || cause.getMessage() == null ? message : message + ": " + cause.getMessage(), cause);
    }

    /** No connection could be had from the pool: PostgreSQL down, restarting, or out of connections. */
    public static final class NoConnection extends DatabaseException {

        public NoConnection(Throwable cause) {
            super("No connection to PostgreSQL", cause);
        }
    }
}
