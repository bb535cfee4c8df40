package io.kubezap.session.schema;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * One connection in one open (read) transaction, handed to Flyway as its data source: its reads then run as one
 * transaction instead of one per statement. Behind a transaction-mode pooler (PgBouncer) every transaction may take a
 * different server connection, and with a database role per session a new server login: Flyway's twenty-odd
 * autocommit reads per check would cost twenty-odd logins. Flyway's attempts to close the connection or switch
 * autocommit back on are ignored; the owner rolls back and closes it.
 */
final class SingleTransactionDataSource implements DataSource, AutoCloseable {

    private final Connection connection;
    private final Connection shielded;

    SingleTransactionDataSource(DataSource source) throws SQLException {
        this.connection = source.getConnection();
        try {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        this.shielded = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "close", "setAutoCommit", "setReadOnly", "commit" -> null;
                    case "isClosed" -> false;
                    case "getAutoCommit" -> true;
                    default -> {
                        try {
                            yield method.invoke(connection, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }
                });
    }

    @Override
    public Connection getConnection() {
        return shielded;
    }

    @Override
    public Connection getConnection(String username, String password) {
        return shielded;
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.setReadOnly(false);
            connection.setAutoCommit(true);
            connection.close();
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return false;
    }
}
