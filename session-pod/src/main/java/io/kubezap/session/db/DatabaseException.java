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

    /**
     * The connection was found dead at the transaction's first statement, before anything of the work ran: ended by
     * the server or the pooler (restarted, failed over) while the pool kept it. The work may run again on another.
     */
    public static final class StaleConnection extends DatabaseException {

        public StaleConnection(Throwable cause) {
            super("The pooled connection was closed by the server", cause);
        }
    }
}
