package io.kubezap.gateway.events;

import io.kubezap.contract.StreamEvent;
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

    /** Each event rendered by the database in the streams' wire format ({@link StreamEvent}). */
    private static final String COLUMNS = """
            select id, namespace, session, type,
                   json_build_object('%s', id, '%s', namespace, '%s', session, '%s', type,
                       '%s', to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                       '%s', payload)::text as json
            from %s""".formatted(StreamEvent.ID, StreamEvent.NAMESPACE, StreamEvent.SESSION, StreamEvent.TYPE,
            StreamEvent.OCCURRED_AT, StreamEvent.PAYLOAD, SessionSchema.EVENTS);

    private final Database database;

    EventHistory(Database database) {
        this.database = database;
    }

    /** Oldest first after an event id, within {@code sessions}, of {@code types} (empty: all): a resumed stream's replay. */
    public List<FeedEvent> after(long afterId, SessionSet sessions, Set<String> types, int limit) throws SQLException {
        try (Connection connection = database.connect()) {
            return after(connection, afterId, sessions, types, limit);
        }
    }

    List<FeedEvent> after(Connection connection, long afterId, SessionSet sessions, Set<String> types, int limit)
            throws SQLException {
        SessionCondition condition = SessionCondition.of(sessions);
        try (PreparedStatement query = connection.prepareStatement(COLUMNS + " where id > ? and " + condition.sql()
                + " and (cardinality(?::text[]) = 0 or type = any(?)) order by id limit ?")) {
            query.setLong(1, afterId);
            int next = condition.bind(query, 2);
            query.setArray(next, connection.createArrayOf("text", types.toArray()));
            query.setArray(next + 1, connection.createArrayOf("text", types.toArray()));
            query.setInt(next + 2, limit);
            return list(query);
        }
    }

    /** The events with these ids, in the order of {@code ids} (the order their notifications came in). */
    List<FeedEvent> byIds(Connection connection, long[] ids) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(COLUMNS + " where id = any(?)")) {
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
