package io.kubezap.session.db;

import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.host.HostedSession;
import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.host.scope.PerSession;
import io.kubezap.session.metrics.RowWrites;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The session's database over the pool, one per hosted session ({@link PerSession}): every statement made here has {@code :ns} and
 * {@code :session} bound, so no query can forget the {@code (namespace, session)} key, and every string is bound
 * {@link StorableText storable}. Each {@link #read} and transaction holds one connection ({@link Handle}) and gives it
 * back when it ends. With a session token ({@code KUBEZAP_DATABASE_TOKEN}, the pooled identity of
 * docs/decisions/0017) a read is a transaction too, since the token is presented per transaction: this is the one
 * place the pod's transactions start.
 */
@PerSession
public class SessionDb implements RowWrites {

    private final DataSource dataSource;
    private final String namespace;
    private final String session;
    private final String token;
    private final AtomicLong writesEnded = new AtomicLong();

    @Inject
    public SessionDb(DataSource dataSource, HostedSessions sessions) {
        this(dataSource, sessions.current());
    }

    private SessionDb(DataSource dataSource, HostedSession session) {
        this(dataSource, session.namespace(), session.name(), session.databaseToken().orElse(null));
    }

    /** {@code token}: the session's database token, or null when the login role is the session's own. */
    public SessionDb(DataSource dataSource, SessionSettings settings, String token) {
        this(dataSource, settings.namespace(), settings.name(), token);
    }

    private SessionDb(DataSource dataSource, String namespace, String session, String token) {
        this.dataSource = dataSource;
        this.namespace = namespace;
        this.session = session;
        this.token = token;
    }

    public <R> R inTransaction(Function<Handle, R> work) {
        return read(handle -> handle.inTransaction(work));
    }

    public void useTransaction(Consumer<Handle> work) {
        inTransaction(handle -> {
            work.accept(handle);
            return null;
        });
    }

    /**
     * {@code work} on a connection of the pool. A connection the pool kept while the server or the pooler ended it is
     * found dead at the token, before the work ran: then the work runs once more on a fresh connection, so that a
     * restarted PgBouncer costs each session a login, not a failed write.
     */
    public <R> R read(Function<Handle, R> work) {
        try {
            return readOnce(work);
        } catch (DatabaseException.StaleConnection stale) {
            return readOnce(work);
        }
    }

    private <R> R readOnce(Function<Handle, R> work) {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new DatabaseException.NoConnection(e);
        }
        Handle handle = new Handle(connection, token);
        try (handle) {
            return handle.presentsToken() ? handle.transaction(work) : work.apply(handle);
        } finally {
            if (handle.mayHaveWritten()) {
                writesEnded.incrementAndGet();
            }
        }
    }

    /**
     * How many transactions and updates of this session have ended (committed, rolled back or failed), counted once their
     * connection is back in the pool: a value read from the session's rows after this number was read is current until it
     * changes. This pod is the only writer of its session's rows.
     */
    @Override
    public long writesEnded() {
        return writesEnded.get();
    }

    public Query query(Handle handle, String sql) {
        return handle.createQuery(sql).bind("ns", namespace).bind("session", session);
    }

    public Update update(Handle handle, String sql) {
        return handle.createUpdate(sql).bind("ns", namespace).bind("session", session);
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
