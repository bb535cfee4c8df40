package io.kubezap.session.db;

import java.util.function.Consumer;

/**
 * One insert a repository owns, written so it runs alone or as a step of a larger statement: its row comes from
 * {@code select … <source>}, where the source is empty (the row once) or {@code from m} (a row for each row a
 * preceding insert returned: none when that insert did nothing). Its parameter names are its own, so steps of
 * different repositories can be bound on one statement.
 */
public record SqlStep(String sql, Consumer<SqlStatement<?>> binds) {

    public <S extends SqlStatement<S>> S bindTo(S statement) {
        binds.accept(statement);
        return statement;
    }
}
