package io.kubezap.operator.database;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The admin credential's connections, read from the operator's database Secret at every use (a rotated password is
 * used at once), always to the server directly (its {@code jdbc-uri}, never a pooler's). At most {@link #MAX} at once
 * (the chart's reserved connections hold them), kept between uses: thousands of new sessions each want their role at
 * once, a login (a server process, SCRAM on both sides) costs more than the role, and on a busy machine one
 * connection's round trips queue every new session behind each other. A connection is closed once {@link #IDLE}
 * passes without a use, when the credential changed, and after a failure on it.
 */
@ApplicationScoped
public class AdminDatabase {

    /** Most admin connections open at once. */
    static final int MAX = 3;
    /** How long a connection stays open without a use. */
    static final Duration IDLE = Duration.ofSeconds(10);

    /** Work on an admin connection; it starts and ends in auto-commit. */
    @FunctionalInterface
    public interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private record Open(Connection connection, AdminCredentials as, long lastUse) {
    }

    private final AdminCredentialsSource credentials;
    private final Duration idle;
    private final Semaphore turns = new Semaphore(MAX, true);
    /** Connections not in use, the most recently used first. */
    private final Deque<Open> unused = new ArrayDeque<>();
    private boolean closeScheduled;
    private int logins;
    private int inUse;

    @Inject
    public AdminDatabase(AdminCredentialsSource credentials) {
        this(credentials, IDLE);
    }

    AdminDatabase(AdminCredentialsSource credentials, Duration idle) {
        this.credentials = credentials;
        this.idle = idle;
    }

    public <T> T use(Work<T> work) throws SQLException {
        AdminCredentials admin = credentials.current();
        turns.acquireUninterruptibly();
        try {
            Open open = take(admin);
            try {
                T result = work.on(open.connection());
                if (!open.connection().getAutoCommit()) {
                    open.connection().rollback();
                    open.connection().setAutoCommit(true);
                }
                giveBack(open);
                return result;
            } catch (SQLException | RuntimeException e) {
                discard(open.connection());
                throw e;
            }
        } finally {
            turns.release();
        }
    }

    /** Logins made so far: one per connection opened. */
    synchronized int logins() {
        return logins;
    }

    /** Connections open now, in use or not. */
    synchronized int openConnections() {
        return unused.size() + inUse;
    }

    @PreDestroy
    synchronized void close() {
        unused.forEach(open -> quietlyClose(open.connection()));
        unused.clear();
    }

    /** The server and database, without credentials, for Events. */
    public String describe() {
        String url = credentials.current().jdbcUrl();
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private Open take(AdminCredentials admin) throws SQLException {
        synchronized (this) {
            Open open = unused.pollFirst();
            if (open != null && open.as().equals(admin)) {
                inUse++;
                return open;
            }
            if (open != null) {
                quietlyClose(open.connection());
            }
            logins++;
            inUse++;
        }
        try {
            return new Open(DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password()), admin, 0);
        } catch (SQLException | RuntimeException e) {
            synchronized (this) {
                inUse--;
            }
            throw e;
        }
    }

    private synchronized void giveBack(Open open) {
        inUse--;
        unused.addFirst(new Open(open.connection(), open.as(), System.nanoTime()));
        if (!closeScheduled) {
            scheduleClose(idle.toNanos());
        }
    }

    private synchronized void discard(Connection connection) {
        inUse--;
        quietlyClose(connection);
    }

    private void scheduleClose(long delayNanos) {
        closeScheduled = true;
        CompletableFuture.delayedExecutor(delayNanos, TimeUnit.NANOSECONDS).execute(this::closeIdle);
    }

    private synchronized void closeIdle() {
        closeScheduled = false;
        long now = System.nanoTime();
        while (!unused.isEmpty() && now - unused.peekLast().lastUse() >= idle.toNanos()) {
            quietlyClose(unused.pollLast().connection());
        }
        if (!unused.isEmpty()) {
            scheduleClose(idle.toNanos() - (now - unused.peekLast().lastUse()));
        }
    }

    private static void quietlyClose(Connection connection) {
        try {
            connection.close();
        } catch (SQLException alreadyBroken) {
            // nothing to give back
        }
    }
}
