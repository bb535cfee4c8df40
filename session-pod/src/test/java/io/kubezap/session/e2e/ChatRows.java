package io.kubezap.session.e2e;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads what the pod stored about one chat straight from its database: queries whose one parameter is the chat. */
final class ChatRows {

    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final PodAgainstSimulator world;
    private final String chat;

    ChatRows(PodAgainstSimulator world, String chat) {
        this.world = world;
        this.chat = chat;
    }

    /** A count per key: {@code sql} selects the key, then the count. */
    Map<String, Integer> counts(String sql) throws SQLException {
        var counts = new LinkedHashMap<String, Integer>();
        rows(sql, row -> counts.put(row.getString(1), row.getInt(2)));
        return counts;
    }

    /** The single number {@code sql} selects. */
    int count(String sql) throws SQLException {
        return rows(sql, row -> row.getInt(1)).getFirst();
    }

    <T> List<T> rows(String sql, Row<T> reader) throws SQLException {
        var read = new ArrayList<T>();
        try (var connection = world.podDatabase().getConnection(); var statement = connection.prepareStatement(sql)) {
            statement.setString(1, chat);
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    read.add(reader.read(rows));
                }
            }
        }
        return read;
    }
}
