package io.kubezap.session.sink;

import io.kubezap.session.db.Handle;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.trace.TraceContext;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The {@code sink_deliveries} outbox and each sink's {@code sink_cursors} row. */
@Singleton
public class SinkDeliveryRepository {

    private final SessionDb db;

    public SinkDeliveryRepository(SessionDb db) {
        this.db = db;
    }

    /** Within the caller's transaction: the delivery commits with the event it reports. */
    void insert(Handle handle, String sink, long eventId) {
        db.update(handle, "insert into sink_deliveries (namespace, session, sink, event_id) values (:ns, :session, :sink, :eventId)")
                .bind("sink", sink).bind("eventId", eventId)
                .execute();
    }

    /** A sink's oldest pending events, in event order, with what the event says. */
    List<SinkEvent> oldestPending(String sink, int limit) {
        return db.read(handle -> db.query(handle, """
                        select e.id, e.type, e.occurred_at, e.payload::text as payload, e.traceparent, e.tracestate
                        from sink_deliveries d join events e on e.id = d.event_id
                        where d.namespace = :ns and d.session = :session and d.sink = :sink
                        order by d.event_id limit :limit""")
                .bind("sink", sink).bind("limit", limit)
                .map(rs -> new SinkEvent(rs.getLong("id"), rs.getString("type"),
                        SessionDb.instant(rs, "occurred_at"), rs.getString("payload"),
                        rs.getString("traceparent") == null ? null
                                : new TraceContext(rs.getString("traceparent"), rs.getString("tracestate"))))
                .list());
    }

    /**
     * The broker has these events: they leave the outbox and the cursor moves to the last, in one transaction. Only
     * these: an event of a lower id that committed after they were read is still to go.
     */
    void published(String sink, List<Long> eventIds, Instant at) {
        long lastEventId = eventIds.getLast();
        db.useTransaction(handle -> {
            db.update(handle, """
                            delete from sink_deliveries
                            where namespace = :ns and session = :session and sink = :sink and event_id = any(:ids)""")
                    .bind("sink", sink).bindArray("ids", Long.class, eventIds).execute();
            db.update(handle, """
                            insert into sink_cursors (namespace, session, sink, last_event_id, delivered_at, last_attempt_at)
                            values (:ns, :session, :sink, :last, :at, :at)
                            on conflict (namespace, session, sink) do update set last_event_id = excluded.last_event_id,
                                delivered_at = excluded.delivered_at, last_attempt_at = excluded.last_attempt_at,
                                last_error = null, failing_since = null""")
                    .bind("sink", sink).bind("last", lastEventId).bind("at", at).execute();
        });
    }

    /** An attempt that failed: the events stay queued; the status shows why and since when. */
    void failed(String sink, String error, Instant at) {
        db.useTransaction(handle -> db.update(handle, """
                        insert into sink_cursors (namespace, session, sink, last_attempt_at, last_error, failing_since)
                        values (:ns, :session, :sink, :at, :error, :at)
                        on conflict (namespace, session, sink) do update set last_attempt_at = excluded.last_attempt_at,
                            last_error = excluded.last_error,
                            failing_since = coalesce(sink_cursors.failing_since, excluded.failing_since)""")
                .bind("sink", sink).bind("error", error).bind("at", at).execute());
    }

    /** Every sink's cursor and backlog, by sink name (a sink that never published has neither). */
    Map<String, SinkProgress> progress() {
        return db.read(handle -> db.query(handle, """
                        select coalesce(c.sink, p.sink) as sink, c.last_event_id, c.delivered_at, c.last_attempt_at,
                               c.last_error, c.failing_since, coalesce(p.pending, 0) as pending
                        from (select * from sink_cursors where namespace = :ns and session = :session) c
                        full join (select sink, count(*) as pending from sink_deliveries
                                   where namespace = :ns and session = :session group by sink) p on p.sink = c.sink""")
                .map(rs -> new SinkProgress(rs.getString("sink"), rs.getLong("pending"),
                        Optional.ofNullable(rs.getObject("last_event_id", Long.class)),
                        Optional.ofNullable(SessionDb.instant(rs, "delivered_at")),
                        Optional.ofNullable(SessionDb.instant(rs, "last_attempt_at")),
                        Optional.ofNullable(rs.getString("last_error")),
                        Optional.ofNullable(SessionDb.instant(rs, "failing_since"))))
                .list().stream().collect(Collectors.toMap(SinkProgress::sink, Function.identity())));
    }

    /** Pending events of sinks no longer configured can never be published: they leave the outbox. */
    int dropUnconfigured(List<String> configured) {
        return db.inTransaction(handle -> db.update(handle, """
                        delete from sink_deliveries
                        where namespace = :ns and session = :session and not (sink = any(:sinks))""")
                .bindArray("sinks", String.class, configured).execute());
    }

    /** A sink's place in its events, as the database holds it. */
    record SinkProgress(String sink, long pending, Optional<Long> lastEventId, Optional<Instant> deliveredAt,
                        Optional<Instant> lastAttemptAt, Optional<String> lastError, Optional<Instant> failingSince) {
    }
}
