package io.kubezap.gateway.events;

import io.kubezap.contract.StreamEvent;
import io.kubezap.contract.stream.EventCursor;
import io.kubezap.contract.stream.OpenTransactions;
import io.kubezap.gateway.auth.SessionSet;
import io.kubezap.gateway.database.Database;
import io.kubezap.gateway.database.SessionCondition;
import io.kubezap.schema.SessionSchema;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code events} the session pods recorded, read across sessions. */
@ApplicationScoped
public class EventHistory {

    /**
     * Most bytes of payloads one read loads (the first event always comes): a page is at most this plus one event,
     * however many events it may hold, so no number of large events makes a replica load them all at once.
     */
    static final long PAGE_BYTES = 4L * 1024 * 1024;
    /**
     * An event's payload is at most this (the events table's check, migration V78); one stored before that check and
     * larger is sent as a placeholder naming its size, never loaded.
     */
    static final long PAYLOAD_BYTES = 1024L * 1024;

    /**
     * The events chosen by {@code candidates} (id and {@code bytes}, the size of each payload's text, in id order),
     * as long as the payloads before each fit {@value #PAGE_BYTES} bytes, each rendered by the database in the streams'
     * wire format ({@link StreamEvent}).
     */
    private static final String PAGE = """
            with candidates as (%%s),
                 page as (select id, bytes, sum(least(bytes, %1$d)) over (order by id) - least(bytes, %1$d) as before
                          from candidates)
            select e.id, e.namespace, e.session, e.type,
                   json_build_object('%3$s', e.id, '%4$s', e.namespace, '%5$s', e.session, '%6$s', e.type,
                       '%7$s', to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                       '%8$s', case when page.bytes > %1$d
                                    then jsonb_build_object('omitted', 'payload larger than %1$d bytes', 'bytes', page.bytes)
                                    else e.payload end)::text as json
            from %9$s e join page on page.id = e.id
            where page.before < %2$d
            order by e.id""".formatted(PAYLOAD_BYTES, PAGE_BYTES, StreamEvent.ID, StreamEvent.NAMESPACE,
            StreamEvent.SESSION, StreamEvent.TYPE, StreamEvent.OCCURRED_AT, StreamEvent.PAYLOAD, SessionSchema.EVENTS);
    private static final String CANDIDATES = "select id, octet_length(payload::text) as bytes from " + SessionSchema.EVENTS;

    private final Database database;

    EventHistory(Database database) {
        this.database = database;
    }

    /**
     * Oldest first after an event id, within {@code sessions}, of {@code types} (empty: all): a resumed stream's replay.
     * At most {@code limit} events and {@value #PAGE_BYTES} bytes of payloads: fewer than {@code limit} do not mean
     * the end, an empty page does.
     */
    public List<FeedEvent> after(long afterId, SessionSet sessions, Set<String> types, int limit) throws SQLException {
        try (Connection connection = database.connect()) {
            return after(connection, afterId, sessions, types, limit);
        }
    }

    List<FeedEvent> after(Connection connection, long afterId, SessionSet sessions, Set<String> types, int limit)
            throws SQLException {
        SessionCondition condition = SessionCondition.of(sessions);
        try (PreparedStatement query = connection.prepareStatement(PAGE.formatted(CANDIDATES + " where id > ? and "
                + condition.sql() + " and (cardinality(?::text[]) = 0 or type = any(?)) order by id limit ?"))) {
            query.setLong(1, afterId);
            int next = condition.bind(query, 2);
            query.setArray(next, connection.createArrayOf("text", types.toArray()));
            query.setArray(next + 1, connection.createArrayOf("text", types.toArray()));
            query.setInt(next + 2, limit);
            return list(query);
        }
    }

    /**
     * The events with these ids, in the order of {@code ids} (the order their notifications came in): those of the
     * lowest ids whose payloads fit {@value #PAGE_BYTES} bytes; the ones above the highest returned are read next.
     */
    List<FeedEvent> byIds(Connection connection, long[] ids) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(PAGE.formatted(CANDIDATES + " where id = any(?) order by id"))) {
            query.setArray(1, connection.createArrayOf("bigint", Arrays.stream(ids).boxed().toArray()));
            List<FeedEvent> events = list(query);
            Map<Long, Integer> position = new HashMap<>();
            for (int i = 0; i < ids.length; i++) {
                position.putIfAbsent(ids[i], i);
            }
            events.sort(Comparator.comparingInt(event -> position.get(event.id())));
            return events;
        }
    }

    /** The transactions not committed now ({@link OpenTransactions}). */
    OpenTransactions openTransactions(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select " + OpenTransactions.SNAPSHOT_SQL);
             ResultSet row = query.executeQuery()) {
            row.next();
            return OpenTransactions.parse(row.getString(1));
        }
    }

    /**
     * Among the {@code newest} events at or below the cursor, those that {@link EventCursor#committedSince committed
     * since} its last read, as of {@code now} (oldest first): the ones below ids already seen not read yet.
     */
    long[] committedSince(Connection connection, EventCursor cursor, OpenTransactions now, int newest) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select id, " + OpenTransactions.WRITER_SQL + " from "
                + SessionSchema.EVENTS + " where id <= ? order by id desc limit ?")) {
            query.setLong(1, cursor.after());
            query.setInt(2, newest);
            List<Long> ids = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if (cursor.committedSince(rows.getLong(1), rows.getLong(2), now)) {
                        ids.add(rows.getLong(1));
                    }
                }
            }
            return ids.reversed().stream().mapToLong(Long::longValue).toArray();
        }
    }

    /** Whether the NOTIFY queue is so full that events are stored without their notice (V96). */
    boolean noticesHeld(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select pg_notification_queue_usage() >= ?")) {
            query.setDouble(1, SessionSchema.NOTIFY_QUEUE_HELD);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }
    }

    long latestId(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select coalesce(max(id), 0) from " + SessionSchema.EVENTS);
             ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private List<FeedEvent> list(PreparedStatement query) throws SQLException {
        List<FeedEvent> events = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                events.add(new FeedEvent(rows.getLong("id"), rows.getString("namespace"), rows.getString("session"),
                        rows.getString("type"), rows.getString("json")));
            }
        }
        return events;
    }
}
