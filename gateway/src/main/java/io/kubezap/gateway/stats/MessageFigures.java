package io.kubezap.gateway.stats;

import io.kubezap.gateway.auth.SessionSet;
import io.kubezap.gateway.database.Database;
import io.kubezap.gateway.database.SessionCondition;
import io.kubezap.schema.SessionSchema;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The stats' database figures, one query each, over every session of a {@link SessionSet}. */
@ApplicationScoped
public class MessageFigures {

    private final Database database;

    MessageFigures(Database database) {
        this.database = database;
    }

    record Figures(GlobalStats.MessageCounts messages, GlobalStats.WebhookCounts webhooks,
                   List<GlobalStats.LatestMessage> latest) {
    }

    Figures of(SessionSet sessions, int latest) throws SQLException {
        try (Connection connection = database.connect()) {
            return new Figures(messages(connection, sessions), webhooks(connection, sessions),
                    latest(connection, sessions, latest));
        }
    }

    private static GlobalStats.MessageCounts messages(Connection connection, SessionSet sessions) throws SQLException {
        SessionCondition condition = SessionCondition.of(sessions);
        try (PreparedStatement query = connection.prepareStatement("""
                select count(*) filter (where direction = 'in'),
                       count(*) filter (where direction = 'out'),
                       count(*) filter (where status = 'failed'),
                       count(*) filter (where direction = 'in' and created_at >= ?),
                       count(*) filter (where direction = 'out' and created_at >= ?),
                       count(*) filter (where status = 'failed' and created_at >= ?)
                from %s where""".formatted(SessionSchema.MESSAGES) + condition.sql())) {
            Timestamp since = Timestamp.from(Instant.now().minus(Duration.ofHours(24)));
            for (int i = 1; i <= 3; i++) {
                query.setTimestamp(i, since);
            }
            condition.bind(query, 4);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new GlobalStats.MessageCounts(
                        new GlobalStats.Counts(row.getLong(1), row.getLong(2), row.getLong(3)),
                        new GlobalStats.Counts(row.getLong(4), row.getLong(5), row.getLong(6)));
            }
        }
    }

    private static GlobalStats.WebhookCounts webhooks(Connection connection, SessionSet sessions) throws SQLException {
        SessionCondition condition = SessionCondition.of(sessions);
        try (PreparedStatement query = connection.prepareStatement("""
                select count(*) filter (where status = 'pending'), count(*) filter (where status = 'failed')
                from %s where status <> 'delivered' and""".formatted(SessionSchema.WEBHOOK_DELIVERIES) + condition.sql())) {
            condition.bind(query, 1);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new GlobalStats.WebhookCounts(row.getLong(1), row.getLong(2));
            }
        }
    }

    private static List<GlobalStats.LatestMessage> latest(Connection connection, SessionSet sessions, int limit)
            throws SQLException {
        SessionCondition condition = SessionCondition.of(sessions);
        try (PreparedStatement query = connection.prepareStatement("""
                select namespace, session, id, chat_jid, direction, type, status, left(text, 4096), created_at from %s
                where""".formatted(SessionSchema.MESSAGES) + condition.sql() + " order by created_at desc, id desc limit ?")) {
            query.setInt(condition.bind(query, 1), limit);
            List<GlobalStats.LatestMessage> latest = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    latest.add(new GlobalStats.LatestMessage(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7),
                            rows.getString(8), rows.getTimestamp(9).toInstant()));
                }
            }
            return latest;
        }
    }
}
