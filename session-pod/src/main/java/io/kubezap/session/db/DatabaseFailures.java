package io.kubezap.session.db;

import io.kubezap.contract.DatabaseOutage;
import io.kubezap.schema.SessionSchema;

import java.sql.SQLException;
import java.util.Optional;

/** Tells a database that is out of reach (down, restarting, out of connections) from a statement that failed, for the failures of {@link SessionDb}. */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /** Why {@code failure} means PostgreSQL could not be reached, if it does; empty for any other failure. */
    public static Optional<String> unavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            // "no connection from the pool", whatever the pool's own exception says (a timeout has no SQLSTATE)
            if (cause instanceof DatabaseException.NoConnection) {
                return Optional.of("no connection to PostgreSQL could be had");
            }
        }
        return DatabaseOutage.reason(failure);
    }

    /**
     * The database's refusal of a write because the session is at its storage quota (the accounting trigger of V78,
     * which a session role cannot get around), with PostgreSQL's message: bytes used and the quota. It lasts until
     * rows are deleted or the cluster admin raises the quota.
     */
    public static Optional<String> storageQuotaExceeded(Throwable failure) {
        return refusedWith(failure, SessionSchema.STORAGE_QUOTA_EXCEEDED).map(SQLException::getMessage);
    }

    /** The database's refusal of a key store write whose fencing token is not the lease's (V91's trigger, SQLSTATE KZ002). */
    public static boolean keyStoreFenced(Throwable failure) {
        return refusedWith(failure, SessionSchema.KEY_STORE_FENCED).isPresent();
    }

    /** The statement among {@code failure}'s causes that PostgreSQL refused with SQLSTATE {@code state}. */
    private static Optional<SQLException> refusedWith(Throwable failure, String state) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    /**
     * Why a write cannot be recorded now but may be later (the database out of reach, or the session at its storage
     * quota): such a write is kept, never dropped.
     */
    public static Optional<String> notYet(Throwable failure) {
        return unavailable(failure).or(() -> storageQuotaExceeded(failure));
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
