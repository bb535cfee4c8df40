package io.kubezap.operator.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Plain SQL for the database tests: as a session pod or the admin would run it. */
public final class Sql {

    private Sql() {
    }

    /** One outgoing text message, as the session pod stores it. */
    public static void insertMessage(Connection connection, String namespace, String session, String id, String text)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into messages (namespace, session, id, chat_jid, direction, type, text, status, created_at, updated_at)
                values (?, ?, ?, '5511999999999@s.whatsapp.net', 'out', 'text', ?, 'sent', now(), now())""")) {
            insert.setString(1, namespace);
            insert.setString(2, session);
            insert.setString(3, id);
            insert.setString(4, text);
            insert.executeUpdate();
        }
    }

    public static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    public static int update(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        }
    }

    public static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
