package io.kubezap.session.webhook;

import io.kubezap.session.db.Handle;
import io.kubezap.session.db.Query;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.metrics.WebhookBacklog;
import io.kubezap.session.trace.TraceContext;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code webhook_deliveries} outbox. */
@Singleton
public class DeliveryRepository implements WebhookBacklog {

    private static final String COLUMNS = """
            id, event_id, event_type, endpoint_url, status, attempts, next_attempt_at, last_attempt_at,
            last_status_code, last_error, created_at, delivered_at""";

    private final SessionDb db;

    public DeliveryRepository(SessionDb db) {
        this.db = db;
    }

    /** Deliveries not yet accepted (the outbox's partial index on pending rows answers it). */
    @Override
    public long pending() {
        return db.read(handle -> db.query(handle, """
                        select count(*) from webhook_deliveries
                        where namespace = :ns and session = :session and status = 'pending'""")
                .mapTo(Long.class).one());
    }

    /** Within the caller's transaction: the delivery commits with the event it reports. */
    void insert(Handle handle, String id, long eventId, String eventType, String endpointUrl, String payload, Instant at) {
        db.update(handle, """
                        insert into webhook_deliveries (id, namespace, session, event_id, event_type, endpoint_url,
                                                        payload, status, next_attempt_at, created_at)
                        values (:id, :ns, :session, :eventId, :type, :url, :payload, 'pending', :at, :at)""")
                .bind("id", id).bind("eventId", eventId).bind("type", eventType).bind("url", endpointUrl)
                .bind("payload", payload).bind("at", at)
                .execute();
    }

    /** An endpoint's oldest pending deliveries, in event order: later ones wait behind the first, which keeps order. */
    List<PendingDelivery> oldestPending(String endpointUrl, int limit) {
        return db.read(handle -> db.query(handle, """
                        select d.id, d.event_type, d.payload, d.attempts, d.next_attempt_at, e.traceparent, e.tracestate
                        from webhook_deliveries d left join events e on e.id = d.event_id
                        where d.namespace = :ns and d.session = :session and d.endpoint_url = :url and d.status = 'pending'
                        order by d.seq limit :limit""")
                .bind("url", endpointUrl).bind("limit", limit)
                .map(rs -> new PendingDelivery(rs.getString("id"), rs.getString("event_type"),
                        rs.getString("payload"), rs.getInt("attempts"), SessionDb.instant(rs, "next_attempt_at"),
                        rs.getString("traceparent") == null ? null
                                : new TraceContext(rs.getString("traceparent"), rs.getString("tracestate"))))
                .list());
    }

    /**
     * Successful attempts, written in one statement: the dispatcher batches them, so a burst costs one round trip
     * per batch instead of one per delivery. (A crash before this write sends those deliveries again: at least once.)
     */
    void recordDelivered(List<DeliveredAttempt> delivered) {
        if (delivered.isEmpty()) {
            return;
        }
        db.useTransaction(handle -> db.update(handle, """
                        update webhook_deliveries d set status = 'delivered', attempts = d.attempts + 1,
                               last_attempt_at = to_timestamp(a.micros / 1e6), delivered_at = to_timestamp(a.micros / 1e6),
                               last_status_code = a.code, last_error = null
                        from unnest(:ids, :codes, :micros) as a(id, code, micros)
                        where d.namespace = :ns and d.session = :session and d.id = a.id""")
                .bindArray("ids", String.class, delivered.stream().map(DeliveredAttempt::id).toList())
                .bindArray("codes", Integer.class, delivered.stream().map(DeliveredAttempt::statusCode).toList())
                .bindArray("micros", Long.class, delivered.stream().map(d -> epochMicros(d.at())).toList())
                .execute());
    }

    private static long epochMicros(Instant at) {
        return at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
    }

    /** A failed attempt: retried at {@code nextAttemptAt}, or a dead letter when that is empty. */
    void recordFailure(String id, Integer statusCode, String error, Instant at, Optional<Instant> nextAttemptAt) {
        db.useTransaction(handle -> db.update(handle, """
                        update webhook_deliveries set attempts = attempts + 1, last_attempt_at = :at,
                               last_status_code = :code, last_error = :error,
                               status = :status, next_attempt_at = coalesce(:next, next_attempt_at)
                        where namespace = :ns and session = :session and id = :id""")
                .bind("id", id).bind("at", at).bind("code", statusCode).bind("error", error)
                .bind("status", nextAttemptAt.isPresent() ? DeliveryStatus.PENDING.column() : DeliveryStatus.FAILED.column())
                .bind("next", nextAttemptAt.orElse(null))
                .execute());
    }

    /** Pending deliveries whose endpoint left the configuration can never be sent: dead letters. */
    int failUnconfigured(List<String> configuredUrls, Instant at) {
        return db.inTransaction(handle -> db.update(handle, """
                        update webhook_deliveries set status = 'failed', last_attempt_at = :at,
                               last_error = 'endpoint is no longer configured'
                        where namespace = :ns and session = :session and status = 'pending'
                          and not (endpoint_url = any(:urls))""")
                .bindArray("urls", String.class, configuredUrls)
                .bind("at", at)
                .execute());
    }

    /** Queues a finished delivery again with a fresh attempt budget; false when it is still pending. */
    public boolean requeue(String id, Instant at) {
        return db.inTransaction(handle -> db.update(handle, """
                        update webhook_deliveries set status = 'pending', attempts = 0, next_attempt_at = :at
                        where namespace = :ns and session = :session and id = :id and status <> 'pending'""")
                .bind("id", id).bind("at", at)
                .execute()) == 1;
    }

    public Optional<Delivery> find(String id) {
        return db.read(handle -> db.query(handle, "select " + COLUMNS
                        + " from webhook_deliveries where namespace = :ns and session = :session and id = :id")
                .bind("id", id)
                .map(rs -> delivery(rs))
                .findOne());
    }

    /** Newest first. */
    public List<Delivery> list(Optional<DeliveryStatus> status, Optional<String> event, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS
                + " from webhook_deliveries where namespace = :ns and session = :session");
        status.ifPresent(s -> sql.append(" and status = :status"));
        event.ifPresent(e -> sql.append(" and event_type = :event"));
        sql.append(" order by seq desc limit :limit");
        return db.read(handle -> {
            Query query = db.query(handle, sql.toString()).bind("limit", limit);
            status.ifPresent(s -> query.bind("status", s.column()));
            event.ifPresent(e -> query.bind("event", e));
            return query.map(rs -> delivery(rs)).list();
        });
    }

    private static Delivery delivery(ResultSet rs) throws SQLException {
        return new Delivery(rs.getString("id"), rs.getLong("event_id"), rs.getString("event_type"),
                RedactedUrl.of(rs.getString("endpoint_url")), DeliveryStatus.fromColumn(rs.getString("status")),
                rs.getInt("attempts"), SessionDb.instant(rs, "next_attempt_at"), SessionDb.instant(rs, "last_attempt_at"),
                rs.getObject("last_status_code", Integer.class), rs.getString("last_error"),
                SessionDb.instant(rs, "created_at"), SessionDb.instant(rs, "delivered_at"));
    }

    /** A delivery the endpoint accepted, with its status code and when. */
    record DeliveredAttempt(String id, int statusCode, Instant at) {
    }

    /** What the dispatcher needs to make an attempt; {@code trace} is its event's (null when none). */
    record PendingDelivery(String id, String eventType, String payload, int attempts, Instant nextAttemptAt, TraceContext trace) {
    }

    /** Deletes up to {@code limit} of the oldest finished deliveries (delivered or failed) created before {@code before}. */
    public int pruneOlderThan(Handle handle, Instant before, int limit) {
        return db.update(handle, """
                        delete from webhook_deliveries where id in (
                            select id from webhook_deliveries
                            where namespace = :ns and session = :session and status <> 'pending' and created_at < :before
                            order by seq limit :limit)""")
                .bind("before", before).bind("limit", limit).execute();
    }
}
