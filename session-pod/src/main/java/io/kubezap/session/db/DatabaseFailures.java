package io.kubezap.session.db;

import org.jdbi.v3.core.ConnectionException;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/** Tells a database that is out of reach (down, restarting, out of connections) from a statement that failed. */
public final class DatabaseFailures {

    /** PostgreSQL's SQLSTATEs for a server shutting down, starting, or refusing more connections. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");
    private static final String CONNECTION_EXCEPTION_CLASS = "08";

    private DatabaseFailures() {
    }

    /** Why {@code failure} means PostgreSQL could not be reached, if it does; empty for any other failure. */
    public static Optional<String> unavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectionException) {
                return Optional.of("no connection to PostgreSQL could be had");
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS) || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return Optional.of("PostgreSQL closed the connection or refused it (SQLSTATE " + sql.getSQLState() + ")");
            }
        }
        return Optional.empty();
    }

    /** The innermost cause's message, for the log. */
    public static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
