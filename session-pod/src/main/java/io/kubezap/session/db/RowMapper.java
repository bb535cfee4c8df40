package io.kubezap.session.db;

import java.sql.ResultSet;
import java.sql.SQLException;

/** One row of a result as {@code T}; the result set is at that row. */
@FunctionalInterface
public interface RowMapper<T> {

    T map(ResultSet rs) throws SQLException;
}
