package io.kubezap.session.db;

import java.lang.reflect.Type;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A value bound to a statement's parameter, set as Jdbi 3 set it (the pod's statements were written for it): a string
 * {@link StorableText storable}, an {@link Instant} or {@link OffsetDateTime} as a {@link Timestamp}, an enum by name, a
 * UUID as an object; a null with the SQL type of the type it was bound as ({@code OTHER} when untyped). An array is made
 * on the statement's connection with the element type's SQL name ({@code text} for strings).
 */
@FunctionalInterface
interface JdbcValue {

    void set(PreparedStatement statement, int index, List<Array> arrays) throws SQLException;

    Map<Class<?>, Integer> NULL_TYPES = Map.ofEntries(
            Map.entry(String.class, Types.VARCHAR), Map.entry(Integer.class, Types.INTEGER),
            Map.entry(Long.class, Types.BIGINT), Map.entry(Boolean.class, Types.BOOLEAN),
            Map.entry(Short.class, Types.SMALLINT), Map.entry(Double.class, Types.DOUBLE),
            Map.entry(byte[].class, Types.VARBINARY), Map.entry(Instant.class, Types.TIMESTAMP),
            Map.entry(Timestamp.class, Types.TIMESTAMP), Map.entry(UUID.class, Types.OTHER));

    Map<Class<?>, String> ARRAY_TYPES = Map.of(String.class, "text", Integer.class, "integer", Long.class, "bigint",
            Boolean.class, "boolean", Short.class, "smallint", Double.class, "float8", UUID.class, "uuid");

    /** {@code value}, or when null a null of {@code type}'s SQL type ({@code Object}: untyped). */
    static JdbcValue of(Object value, Type type) {
        if (value == null) {
            Integer sqlType = type == Object.class ? Integer.valueOf(Types.OTHER) : NULL_TYPES.get(type);
            if (sqlType == null) {
                throw new DatabaseException("No SQL type for a null bound as " + type.getTypeName(), null);
            }
            return (statement, index, arrays) -> statement.setNull(index, sqlType);
        }
        return switch (value) {
            case String text -> {
                String storable = StorableText.storable(text);
                yield (statement, index, arrays) -> statement.setString(index, storable);
            }
            case Integer number -> (statement, index, arrays) -> statement.setInt(index, number);
            case Long number -> (statement, index, arrays) -> statement.setLong(index, number);
            case Boolean flag -> (statement, index, arrays) -> statement.setBoolean(index, flag);
            case Short number -> (statement, index, arrays) -> statement.setShort(index, number);
            case Double number -> (statement, index, arrays) -> statement.setDouble(index, number);
            case byte[] bytes -> (statement, index, arrays) -> statement.setBytes(index, bytes);
            case Instant instant -> timestamp(Timestamp.from(instant));
            case OffsetDateTime time -> timestamp(Timestamp.from(time.toInstant()));
            case Timestamp timestamp -> timestamp(timestamp);
            case LocalDate date -> (statement, index, arrays) -> statement.setDate(index, java.sql.Date.valueOf(date));
            case UUID uuid -> (statement, index, arrays) -> statement.setObject(index, uuid);
            case Enum<?> constant -> (statement, index, arrays) -> statement.setString(index, constant.name());
            default -> throw new DatabaseException("No SQL binding for a " + value.getClass().getName(), null);
        };
    }

    private static JdbcValue timestamp(Timestamp timestamp) {
        return (statement, index, arrays) -> statement.setTimestamp(index, timestamp);
    }

    /** An SQL array of {@code elements}, each of {@code elementType}; strings {@link StorableText storable}. */
    static JdbcValue array(Class<?> elementType, Iterable<?> elements) {
        String sqlName = ARRAY_TYPES.get(elementType);
        if (sqlName == null) {
            throw new DatabaseException("No SQL array type for " + elementType.getName(), null);
        }
        List<Object> copied = new ArrayList<>();
        elements.forEach(element -> copied.add(element instanceof String text ? StorableText.storable(text) : element));
        Object[] values = elementType == String.class ? copied.toArray(String[]::new) : copied.toArray();
        return (statement, index, arrays) -> {
            Array array = statement.getConnection().createArrayOf(sqlName, values);
            arrays.add(array);
            statement.setArray(index, array);
        };
    }
}
