package io.kubezap.session.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.stream.EventCursor;
import io.kubezap.contract.stream.OpenTransactions;
import io.kubezap.session.db.Handle;
import io.kubezap.session.db.Query;
import io.kubezap.session.db.RowMapper;
import io.kubezap.session.db.SessionDb;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** The {@code events} audit log. */
@Singleton
public class EventRepository {

    private final SessionDb db;
    private final ObjectMapper json;
    private final Instance<EventRecordedListener> listeners;
    private final EventSignal signal;

    public EventRepository(SessionDb db, ObjectMapper json, Instance<EventRecordedListener> listeners, EventSignal signal) {
        this.db = db;
        this.json = json;
        this.listeners = listeners;
        this.signal = signal;
    }

    /**
     * Appends within the caller's transaction, so the event commits with the fact it reports, and so do
     * the listeners' writes (the webhook outbox). Waiting readers are woken once it has committed.
     */
    public void append(Handle handle, PendingEvent event, Instant at) {
        long id = db.update(handle, """
                        insert into events (namespace, session, type, payload, occurred_at, traceparent, tracestate)
                        values (:ns, :session, :type, cast(:payload as jsonb), :at, :traceparent, :tracestate)""")
                .bind("type", event.type())
                .bind("payload", toJson(event.payload()))
                .bind("at", at)
                .bind("traceparent", event.trace() == null ? null : event.trace().traceparent())
                .bind("tracestate", event.trace() == null ? null : event.trace().tracestate())
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        listeners.forEach(listener -> listener.recorded(handle, id, event, at));
        if (handle.isInTransaction()) {
            handle.afterCommit(signal::wake);
        } else {
            signal.wake();
        }
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
            return query.map(storedEvent()).list();
        });
    }

    /**
     * The next page of a live stream at {@code cursor}, oldest first, of {@code types} (empty: all), at most {@code limit}
     * events: first those below the cursor that {@link EventCursor#committedSince committed since} its last read (looked
     * for among the session's newest {@code limit} events), then those above it. Two statements, each on its own
     * snapshot: the first names the moment of the read ({@code now}); an event above the cursor whose transaction was
     * open then is left for the next read, which finds it below the new cursor.
     */
    public StreamPage page(EventCursor cursor, Set<String> types, int limit) {
        return db.read(handle -> {
            List<Long> late = new ArrayList<>();
            OpenTransactions now = lateSince(handle, cursor, limit, late);
            List<StoredEvent> events = new ArrayList<>();
            long highest = cursor.after();
            for (Written row : rowsAfter(handle, cursor.after(), late, types, limit)) {
                if (row.event().id() > cursor.after() && now.wasOpen(row.writer())) {
                    continue;
                }
                events.add(row.event());
                highest = Math.max(highest, row.event().id());
            }
            return new StreamPage(events, cursor.readAt(now, highest));
        });
    }

    /**
     * Now, and into {@code late} the ids of the cursor's newest {@code window} events (by id: a late event's id was drawn
     * just before its row, while its time is WhatsApp's, a phone's clock or a history message's) that committed since the
     * cursor's read.
     */
    private OpenTransactions lateSince(Handle handle, EventCursor cursor, int window, List<Long> late) {
        List<Object[]> rows = db.query(handle, """
                        select s.now, c.id, c.writer from (select %s as now) s
                        left join lateral (select id, %s as writer from events
                                           where namespace = :ns and session = :session and id <= :after
                                           order by id desc limit :window) c on true"""
                        .formatted(OpenTransactions.SNAPSHOT_SQL, OpenTransactions.WRITER_SQL))
                .bind("after", cursor.after())
                .bind("window", window)
                .map(rs -> new Object[]{rs.getString("now"), rs.getObject("id"), rs.getObject("writer")})
                .list();
        OpenTransactions now = OpenTransactions.parse((String) rows.getFirst()[0]);
        for (Object[] row : rows) {
            if (row[1] != null && cursor.committedSince((Long) row[1], (Long) row[2], now)) {
                late.add((Long) row[1]);
            }
        }
        return now;
    }

    private List<Written> rowsAfter(Handle handle, long afterId, List<Long> late, Set<String> types, int limit) {
        String typeFilter = types.isEmpty() ? "" : " and type = any(:types)";
        Query query = db.query(handle, """
                        select id, type, occurred_at, payload::text as payload, %s as writer from events
                        where namespace = :ns and session = :session and (id > :after or id = any(:late))"""
                        .formatted(OpenTransactions.WRITER_SQL) + typeFilter + " order by id limit :limit")
                .bind("after", afterId).bind("limit", limit)
                .bindArray("late", Long.class, late.toArray(Long[]::new));
        if (!types.isEmpty()) {
            query.bindArray("types", String.class, types.toArray(String[]::new));
        }
        RowMapper<StoredEvent> event = storedEvent();
        return query.map(rs -> new Written(event.map(rs), rs.getLong("writer"))).list();
    }

    /** A stored event and the transaction that wrote it. */
    private record Written(StoredEvent event, long writer) {
    }

    /**
     * Where a live stream starts, as of one moment taken now, before the stream answers: after {@code resumeAfter}, else
     * after the newest event. A resumed stream thus also gets an event below its id whose transaction was open when it
     * opened and commits later.
     */
    public EventCursor start(OptionalLong resumeAfter) {
        String after = resumeAfter.isPresent() ? "(select cast(:resumeAfter as bigint))"
                : "(select coalesce(max(id), 0) from events where namespace = :ns and session = :session)";
        return db.read(handle -> db.query(handle, "select " + after + " as id, " + OpenTransactions.SNAPSHOT_SQL + " as now")
                .bind("resumeAfter", resumeAfter.orElse(0))
                .map(rs -> new EventCursor(rs.getLong("id"), OpenTransactions.parse(rs.getString("now")))).one());
    }

    private RowMapper<StoredEvent> storedEvent() {
        return rs -> new StoredEvent(rs.getLong("id"), rs.getString("type"),
                SessionDb.instant(rs, "occurred_at"), parse(rs.getString("payload")));
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

    /**
     * Deletes up to {@code limit} of the oldest events recorded before {@code before}; one a webhook delivery, an
     * event sink or the Chatwoot connector still waits to deliver is kept (its finished deliveries go with it).
     */
    public int pruneOlderThan(Handle handle, Instant before, int limit) {
        return db.update(handle, """
                        delete from events where id in (
                            select e.id from events e
                            where e.namespace = :ns and e.session = :session and e.occurred_at < :before
                              and not exists (select 1 from webhook_deliveries d where d.event_id = e.id and d.status = 'pending')
                              and not exists (select 1 from sink_deliveries s where s.event_id = e.id)
                              and not exists (select 1 from chatwoot_deliveries c where c.event_id = e.id)
                            order by e.occurred_at limit :limit)""")
                .bind("before", before).bind("limit", limit).execute();
    }
}
