package io.kubezap.schema;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which session pods a schema still serves (expand/contract, docs/upgrades.md): the oldest schema version whose
 * session-pod code still reads and writes it, written by a migration as the comment on Flyway's history table
 * ({@code comment on table flyway_schema_history is 'kubezap-compatible-from: 75'}). A pod built for schema 75 or
 * later starts on a newer schema that carries it, so {@code helm rollback} by one release finds its pods running.
 * A comment rather than a table: every kubezap table is keyed by session under row-level security
 * (afterMigrate.sql), and this is one fact about the whole schema; it sits on the history it qualifies, only the
 * migrating admin (the table's owner) may set it, and a session role reads it in the same query as the history.
 */
public final class SchemaCompatibility {

    /** The history table's comment starts with this, followed by a migration version. */
    public static final String MARKER = "kubezap-compatible-from: ";
    /** The SQL expression a session role reads the marker with (null when no migration has written it). */
    public static final String READ_MARKER = "obj_description(to_regclass('flyway_schema_history'), 'pg_class')";

    private static final Pattern VERSION = Pattern.compile("^" + Pattern.quote(MARKER) + "(\\d+(?:[._]\\d+)*)");

    private SchemaCompatibility() {
    }

    /** The oldest schema version the comment says this schema still serves; empty without the marker. */
    public static Optional<String> compatibleFrom(String historyComment) {
        if (historyComment == null) {
            return Optional.empty();
        }
        Matcher matcher = VERSION.matcher(historyComment.strip());
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
