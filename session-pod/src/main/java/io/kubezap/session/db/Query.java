package io.kubezap.session.db;

import java.sql.ResultSet;
import java.sql.SQLException;

/** A statement whose rows are read: {@link #map} or {@link #mapTo}, then {@code list}, {@code one}, … */
public final class Query extends SqlStatement<Query> {

    Query(Handle handle, String sql) {
        super(handle, sql);
    }

    public <T> Results<T> map(RowMapper<T> mapper) {
        return rows().map(mapper);
    }

    public <T> Results<T> mapTo(Class<T> type) {
        return rows().mapTo(type);
    }

    private Rows rows() {
        return new Rows(reader -> run(null, statement -> {
            statement.execute();
            try (ResultSet rs = statement.getResultSet()) {
                if (rs == null) {
                    throw new SQLException("The statement returned no rows to read");
                }
                return reader.read(rs);
            }
        }));
    }
}
