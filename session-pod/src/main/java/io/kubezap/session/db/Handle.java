package io.kubezap.session.db;

import io.kubezap.contract.DatabaseOutage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One connection from the pool, for the length of a {@link SessionDb#read read} or a transaction: statements are made
 * on it with {@link #createQuery} and {@link #createUpdate}, each closed once run. With a session token (the pooled
 * identity, docs/decisions/0017) every transaction presents it first, as a bind parameter and local to the
 * transaction: no statement text carries it, and no other client of a pooled server connection inherits it.
 */
public final class Handle implements AutoCloseable {

    /** The one statement a transaction starts with when the session has a token. */
    static final String PRESENT_TOKEN = "select set_config('kubezap.token', ?, true)";

    private final Connection connection;
    /** The session's database token; null: the login role alone names the session (a role per session). */
    private final String token;
    private final List<Runnable> afterCommit = new ArrayList<>();
    private boolean mayHaveWritten;

    Handle(Connection connection) {
        this(connection, null);
    }

    Handle(Connection connection, String token) {
        this.connection = connection;
        this.token = token;
    }

    /** Whether statements need a transaction to tell the database whose they are ({@link #PRESENT_TOKEN}). */
    boolean presentsToken() {
        return token != null;
    }

    public Query createQuery(String sql) {
        return new Query(this, sql);
    }

    /** Whether this handle made an update or ran a transaction (whose queries may write: {@code update … returning}). */
    boolean mayHaveWritten() {
        return mayHaveWritten;
    }

    public Update createUpdate(String sql) {
        mayHaveWritten = true;
        return new Update(this, sql);
    }

    public boolean isInTransaction() {
        try {
            return !connection.getAutoCommit();
        } catch (SQLException e) {
            throw new DatabaseException("Could not tell whether a transaction is open", e);
        }
    }

    /** Runs {@code action} once the transaction under way commits; not if it rolls back. */
    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    Connection connection() {
        return connection;
    }

    /**
     * {@code work} in a transaction: autocommit off, committed when it returns, rolled back when it throws (whatever it
     * throws, rethrown as it is), autocommit restored after. Within a transaction already open, {@code work} joins it.
     */
    <R> R inTransaction(Function<Handle, R> work) {
        mayHaveWritten = true;
        return transaction(work);
    }

    /** {@link #inTransaction}, for a read: what it does counts as a write only if it makes an update. */
    <R> R transaction(Function<Handle, R> work) {
        if (isInTransaction()) {
            return work.apply(this);
        }
        R result;
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new DatabaseException("Could not begin a transaction", e);
        }
        presentToken();
        try {
            result = work.apply(this);
            connection.commit();
        } catch (RuntimeException | Error failure) {
            rollBack(failure);
            throw failure;
        } catch (SQLException e) {
            DatabaseException failure = new DatabaseException("Could not commit", e);
            rollBack(failure);
            throw failure;
        }
        restoreAutoCommit(null);
        List<Runnable> actions = List.copyOf(afterCommit);
        afterCommit.clear();
        actions.forEach(Runnable::run);
        return result;
    }

    /** The transaction's first statement: a connection found dead here has done nothing of the work ({@link DatabaseException.StaleConnection}). */
    private void presentToken() {
        if (token == null) {
            return;
        }
        try (PreparedStatement present = connection.prepareStatement(PRESENT_TOKEN)) {
            present.setString(1, token);
            present.executeQuery().close();
        } catch (SQLException e) {
            DatabaseException failure = DatabaseOutage.reason(e).isPresent()
                    ? new DatabaseException.StaleConnection(e) : new DatabaseException("Could not present the session's token", e);
            rollBack(failure);
            throw failure;
        }
    }

    private void rollBack(Throwable failure) {
        afterCommit.clear();
        try {
            connection.rollback();
        } catch (SQLException | RuntimeException rollback) {
            failure.addSuppressed(rollback);
        }
        restoreAutoCommit(failure);
    }

    private void restoreAutoCommit(Throwable failure) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            if (failure == null) {
                throw new DatabaseException("Could not restore autocommit", e);
            }
            failure.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new DatabaseException("Could not close the connection", e);
        }
    }
}
