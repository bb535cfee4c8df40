package io.kubezap.session.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** The rows a statement will return, once it is told how to map each. */
public final class Rows {

    private final Source source;

    Rows(Source source) {
        this.source = source;
    }

    public <T> Results<T> map(RowMapper<T> mapper) {
        return new Results<>(source, mapper);
    }

    /** The first column of each row as a {@code String}, {@code Long}, {@code Integer}, {@code Boolean} or {@code Instant} (SQL null: null). */
    public <T> Results<T> mapTo(Class<T> type) {
        return map(rs -> type.cast(firstColumn(rs, type)));
    }

    private static Object firstColumn(ResultSet rs, Class<?> type) throws SQLException {
        Object value;
        if (type == String.class) {
            value = rs.getString(1);
        } else if (type == Long.class) {
            value = rs.getLong(1);
        } else if (type == Integer.class) {
            value = rs.getInt(1);
        } else if (type == Boolean.class) {
            value = rs.getBoolean(1);
        } else if (type == Instant.class) {
            Timestamp timestamp = rs.getTimestamp(1);
            value = timestamp == null ? null : timestamp.toInstant();
        } else {
            throw new SQLException("No column mapping to " + type.getName());
        }
        return rs.wasNull() ? null : value;
    }

    /** Runs the statement and hands its result set to a reader, closing all after. */
    @FunctionalInterface
    interface Source {
        Object read(Reader reader);
    }

    @FunctionalInterface
    interface Reader {
        Object read(ResultSet rs) throws SQLException;
    }
}
