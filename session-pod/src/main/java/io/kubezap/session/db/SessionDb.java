package io.kubezap.session.db;

import io.kubezap.session.config.SessionSettings;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.HandleConsumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.Update;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Jdbi over the Agroal datasource, scoped to this pod's session: every statement made here has
 * {@code :ns} and {@code :session} bound, so no query can forget the {@code (namespace, session)} key, and every string is
 * bound {@link StorableText storable}.
 */
@Singleton
public class SessionDb {

    private final Jdbi jdbi;
    private final String namespace;
    private final String session;

    public SessionDb(DataSource dataSource, SessionSettings settings) {
        this.jdbi = Jdbi.create(dataSource);
        StorableText.applyTo(jdbi);
        this.namespace = settings.namespace();
        this.session = settings.name();
    }

    public <R> R inTransaction(HandleCallback<R, RuntimeException> work) {
        return jdbi.inTransaction(work);
    }

    public void useTransaction(HandleConsumer<RuntimeException> work) {
        jdbi.useTransaction(work);
    }

    public <R> R read(HandleCallback<R, RuntimeException> work) {
        return jdbi.withHandle(work);
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
