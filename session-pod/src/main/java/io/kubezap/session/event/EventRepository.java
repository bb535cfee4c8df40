package io.kubezap.session.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.db.SessionDb;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code events} audit log. */
@Singleton
public class EventRepository {

    private final SessionDb db;
    private final ObjectMapper json;

    public EventRepository(SessionDb db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Appends within the caller's transaction, so the event commits with the fact it reports. */
    public void append(Handle handle, PendingEvent event, Instant at) {
        db.update(handle, """
                        insert into events (namespace, session, type, payload, occurred_at)
                        values (:ns, :session, :type, cast(:payload as jsonb), :at)""")
                .bind("type", event.type())
                .bind("payload", toJson(event.payload()))
                .bind("at", at)
                .execute();
    }

    public void appendAll(Handle handle, List<PendingEvent> events, Instant at) {
        events.forEach(event -> append(handle, event, at));
    }

    /** Newest first; {@code beforeId} pages backwards. */
    public List<StoredEvent> find(Optional<String> type, Optional<Instant> from, Optional<Instant> to,
                                  Optional<Long> beforeId, int limit) {
        StringBuilder sql = new StringBuilder("""
                select id, type, occurred_at, payload::text as payload from events
                where namespace = :ns and session = :session""");
        type.ifPresent(t -> sql.append(" and type = :type"));
        from.ifPresent(f -> sql.append(" and occurred_at >= :from"));
        to.ifPresent(t -> sql.append(" and occurred_at < :to"));
        beforeId.ifPresent(b -> sql.append(" and id < :before"));
        sql.append(" order by occurred_at desc, id desc limit :limit");
        return db.read(handle -> {
            Query query = db.query(handle, sql.toString()).bind("limit", limit);
            type.ifPresent(t -> query.bind("type", t));
            from.ifPresent(f -> query.bind("from", f));
            to.ifPresent(t -> query.bind("to", t));
            beforeId.ifPresent(b -> query.bind("before", b));
            return query.map((rs, ctx) -> new StoredEvent(rs.getLong("id"), rs.getString("type"),
                    SessionDb.instant(rs, "occurred_at"), parse(rs.getString("payload")))).list();
        });
    }

    private String toJson(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private com.fasterxml.jackson.databind.JsonNode parse(String payload) {
        try {
            return json.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
