package io.kubezap.contract;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

/**
 * Which PostgreSQL failures mean the server is out of reach (down, restarting, failing over, out of connections)
 * rather than a statement gone wrong: the session pod and the gateway answer a request that met one with 503
 * {@code database-unavailable} and {@code Retry-After}, which clients retry.
 */
public final class DatabaseOutage {

    /** The problem type's slug and title, the same from the pod and the gateway. */
    public static final String PROBLEM_SLUG = "database-unavailable";
    public static final String PROBLEM_TITLE = "Database unavailable";
    public static final int RETRY_AFTER_SECONDS = 5;
    /** SQLSTATE class 08: connection exception (refused, broken, lost). */
    private static final String CONNECTION_EXCEPTION_CLASS = "08";
    /** Shutting down (admin, crash) or still starting, and too many connections. */
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseOutage() {
    }

    /** Why {@code failure} means PostgreSQL could not be reached, if it does (an SQLException among its causes says so). */
    public static Optional<String> reason(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS) || UNAVAILABLE_STATES.contains(sql.getSQLState()))) {
                return Optional.of("PostgreSQL closed the connection or refused it (SQLSTATE " + sql.getSQLState() + ")");
            }
        }
        return Optional.empty();
    }
}
