package io.kubezap.session.db;

/** An insert, update or delete (or any statement whose rows are not read). */
public final class Update extends SqlStatement<Update> {

    Update(Handle handle, String sql) {
        super(handle, sql);
    }

    /** The count of rows changed. */
    public int execute() {
        return run(null, statement -> {
            statement.execute();
            return statement.getUpdateCount();
        });
    }

    /** The values of {@code columns} in the rows the statement wrote, read when they are mapped. */
    public Rows executeAndReturnGeneratedKeys(String... columns) {
        return new Rows(reader -> run(columns, statement -> {
            statement.execute();
            try (var keys = statement.getGeneratedKeys()) {
                return reader.read(keys);
            }
        }));
    }
}
