package io.kubezap.operator.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** A session pod's transactions for tests: the token first, as a bind parameter local to the transaction. */
public final class TokenTransactions {

    private TokenTransactions() {
    }

    public interface Work<T> {
        T run() throws SQLException;
    }

    public static <T> T inTransaction(Connection connection, String token, Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            if (token != null) {
                present(connection, token, true);
            }
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** {@code local}: to the end of the transaction, as the pod does; otherwise for the rest of the connection. */
    public static void present(Connection connection, String token, boolean local) throws SQLException {
        try (PreparedStatement present = connection.prepareStatement("select set_config('kubezap.token', ?, ?)")) {
            present.setString(1, token);
            present.setBoolean(2, local);
            present.executeQuery().close();
        }
    }

    /** Every message the token's transaction sees, as {@code namespace/session: text}. */
    public static List<String> read(Connection connection, String token) throws SQLException {
        return inTransaction(connection, token, () -> Sql.strings(connection,
                "select namespace || '/' || session || ': ' || text from messages order by 1"));
    }

    public static void insert(Connection connection, String token, String namespace, String session) throws SQLException {
        inTransaction(connection, token, () -> {
            Sql.insertMessage(connection, namespace, session, namespace + "-" + session + "-" + System.nanoTime(),
                    "hello from " + namespace + "/" + session);
            return null;
        });
    }
}
