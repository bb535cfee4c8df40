package io.kubezap.session.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A statement's rows mapped to {@code T}; each method runs the statement once and closes what it opened. */
public final class Results<T> {

    private final Rows.Source source;
    private final RowMapper<T> mapper;

    Results(Rows.Source source, RowMapper<T> mapper) {
        this.source = source;
        this.mapper = mapper;
    }

    @SuppressWarnings("unchecked")
    public List<T> list() {
        return (List<T>) source.read(rs -> {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(mapper.map(rs));
            }
            return rows;
        });
    }

    /** The only row (null if it maps to null); none or more than one is an error. */
    public T one() {
        First<T> first = first();
        if (!first.found() || first.more()) {
            throw new IllegalStateException(first.found() ? "Expected only one row, but found multiple"
                    : "Expected one row, but found none");
        }
        return first.row();
    }

    /** The only row, if any (empty also when it maps to null); more than one is an error. */
    public Optional<T> findOne() {
        First<T> first = first();
        if (first.more()) {
            throw new IllegalStateException("Expected at most one row, but found multiple");
        }
        return Optional.ofNullable(first.row());
    }

    /** The first row, if any (empty also when it maps to null). */
    public Optional<T> findFirst() {
        return Optional.ofNullable(first().row());
    }

    /** The first row mapped, and whether there is another (not mapped). */
    @SuppressWarnings("unchecked")
    private First<T> first() {
        return (First<T>) source.read(rs -> rs.next() ? new First<>(mapper.map(rs), true, rs.next())
                : new First<T>(null, false, false));
    }

    private record First<T>(T row, boolean found, boolean more) {
    }
}
