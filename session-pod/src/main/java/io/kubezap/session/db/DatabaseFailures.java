package io.kubezap.session.db;

import io.kubezap.contract.DatabaseOutage;
import org.jdbi.v3.core.ConnectionException;

import java.util.Optional;

/** Tells a database that is out of reach (down, restarting, out of connections) from a statement that failed, for Jdbi's failures. */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /** Why {@code failure} means PostgreSQL could not be reached, if it does; empty for any other failure. */
    public static Optional<String> unavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // Jdbi's word for "no connection from the pool", whatever the pool's own exception says (a timeout has no SQLSTATE)
            if (cause instanceof ConnectionException) {
                return Optional.of("no connection to PostgreSQL could be had");
            }
        }
        return DatabaseOutage.reason(failure);
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
