package io.kubezap.operator.database;

import io.kubezap.operator.resources.DatabaseSecretSource;
import io.kubezap.operator.resources.DatabaseSecretSource.AdminCredentials;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The admin credential's one connection, read from the operator's database Secret at every use (a rotated password is
 * used at once), always to the server directly (its {@code jdbc-uri}, never a pooler's). Uses take turns on it: the
 * chart budgets the operator one connection. It is kept between uses, as thousands of new sessions each want their
 * role at once and a login (a server process, SCRAM on both sides) costs more than the role; it is closed once
 * {@link #IDLE} passes without a use, when the credential changed, and after a failure on it.
 */
@ApplicationScoped
public class AdminDatabase {

    /** How long the connection stays open without a use. */
    static final Duration IDLE = Duration.ofSeconds(10);

    /** Work on the admin connection; it starts and ends in auto-commit. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private final Supplier<AdminCredentials> credentials;
    private final Duration idle;
    private Connection connection;
    private AdminCredentials connectedAs;
    private long lastUse;
    private boolean closeScheduled;
    private int logins;

    @Inject
    public AdminDatabase(DatabaseSecretSource source) {
        this(() -> source.adminCredentials(source.read()));
    }

    public AdminDatabase(Supplier<AdminCredentials> credentials) {
        this(credentials, IDLE);
    }

    AdminDatabase(Supplier<AdminCredentials> credentials, Duration idle) {
        this.credentials = credentials;
        this.idle = idle;
    }

    public synchronized <T> T use(Work<T> work) throws SQLException {
        Connection current = connection(credentials.get());
        try {
            T result = work.on(current);
            if (!current.getAutoCommit()) {
                current.rollback();
                current.setAutoCommit(true);
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        } finally {
            lastUse = System.nanoTime();
            if (!closeScheduled) {
                scheduleClose(idle.toNanos());
            }
        }
    }

    /** Logins made so far: one per connection opened. */
    synchronized int logins() {
        return logins;
    }

    /** Whether a connection is open now. */
    synchronized boolean isOpen() {
        return connection != null;
    }

    @PreDestroy
    synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException alreadyBroken) {
                // nothing to give back
            }
            connection = null;
            connectedAs = null;
        }
    }

    /** The server and database, without credentials, for Events. */
    public String describe() {
        String url = credentials.get().jdbcUrl();
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private Connection connection(AdminCredentials admin) throws SQLException {
        if (connection != null && !admin.equals(connectedAs)) {
            close();
        }
        if (connection == null) {
            connection = DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password());
            connectedAs = admin;
            logins++;
        }
        return connection;
    }

    private void scheduleClose(long delayNanos) {
        if (connection != null) {
            closeScheduled = true;
            CompletableFuture.delayedExecutor(delayNanos, TimeUnit.NANOSECONDS).execute(this::closeIfIdle);
        }
    }

    private synchronized void closeIfIdle() {
        closeScheduled = false;
        long left = idle.toNanos() - (System.nanoTime() - lastUse);
        if (left <= 0) {
            close();
        } else {
            scheduleClose(left);
        }
    }
}
