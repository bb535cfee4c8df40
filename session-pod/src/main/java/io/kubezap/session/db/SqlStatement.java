package io.kubezap.session.db;

import java.lang.reflect.Type;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A statement being built on a {@link Handle}: its SQL with {@code :name} parameters ({@link NamedSql}) and the values
 * bound to them. A null is bound with the SQL type of the overload it went through ({@code bind(name, (String) null)}
 * is a null varchar; {@link #bind(String, Object)} an untyped one). A primitive is bound as its box.
 */
public abstract sealed class SqlStatement<This extends SqlStatement<This>> permits Query, Update {

    final Handle handle;
    final String sql;
    private final Map<String, JdbcValue> values = new LinkedHashMap<>();

    SqlStatement(Handle handle, String sql) {
        this.handle = handle;
        this.sql = sql;
    }

    @SuppressWarnings("unchecked")
    private This self() {
        return (This) this;
    }

    public final This bind(String name, Object value) {
        return bindByType(name, value, Object.class);
    }

    public final This bind(String name, String value) {
        return bindByType(name, value, String.class);
    }

    public final This bind(String name, Integer value) {
        return bindByType(name, value, Integer.class);
    }

    public final This bind(String name, Long value) {
        return bindByType(name, value, Long.class);
    }

    public final This bind(String name, Boolean value) {
        return bindByType(name, value, Boolean.class);
    }

    public final This bind(String name, byte[] value) {
        return bindByType(name, value, byte[].class);
    }

    public final This bind(String name, UUID value) {
        return bindByType(name, value, UUID.class);
    }

    /** {@code value} as of {@code type}: a null gets that type's SQL type. */
    public final This bindByType(String name, Object value, Type type) {
        values.put(name, JdbcValue.of(value, type));
        return self();
    }

    public final This bindArray(String name, Class<?> elementType, Object... elements) {
        return bindArray(name, elementType, Arrays.asList(elements));
    }

    public final This bindArray(String name, Class<?> elementType, Iterable<?> elements) {
        values.put(name, JdbcValue.array(elementType, elements));
        return self();
    }

    /** Runs {@code work} on this statement prepared and bound, then closes it and frees its arrays. */
    final <R> R run(String[] keyColumns, Work<R> work) {
        NamedSql parsed = NamedSql.parse(sql);
        if (parsed.names().isEmpty() && !values.isEmpty()) {
            throw new DatabaseException("Parameters " + values.keySet() + " bound, but the statement has none: " + sql, null);
        }
        List<Array> arrays = new ArrayList<>();
        try (PreparedStatement statement = keyColumns == null ? handle.connection().prepareStatement(parsed.jdbc())
                : handle.connection().prepareStatement(parsed.jdbc(), keyColumns)) {
            try {
                for (int i = 0; i < parsed.names().size(); i++) {
                    String name = parsed.names().get(i);
                    JdbcValue value = values.get(name);
                    if (value == null) {
                        throw new DatabaseException("Missing named parameter '" + name + "' in: " + sql, null);
                    }
                    value.set(statement, i + 1, arrays);
                }
                return work.run(statement);
            } finally {
                for (Array array : arrays) {
                    array.free();
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException("Statement failed [" + sql.strip() + "]", e);
        }
    }

    @FunctionalInterface
    interface Work<R> {
        R run(PreparedStatement statement) throws SQLException;
    }
}
