package io.kubezap.schema;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The previous release's session SQL, kept as a fixture ({@value #STATEMENTS}): per table, the insert its session
 * pods can issue (the columns that schema made them fill: not null without a default, with values its checks and
 * keys accept), once per primary key or unique constraint as the upsert naming it ({@code on conflict (…)}: the
 * repositories' upserts need that key), and a select of every column it had. Written from the release's own schema when the release is cut
 * ({@link #write}, docs/releasing.md), read by {@link PreviousReleaseOnTheNewSchemaTest}.
 */
final class PreviousRelease {

    static final String STATEMENTS = "previous-release/statements.sql";
    /** The session's identity in every row; the test's session role is registered for it. */
    static final String NAMESPACE = "tenant";
    static final String SESSION = "previous";

    private static final Pattern HEADER = Pattern.compile("(?m)^-- (release|schema): (\\S+)$");
    private static final Pattern FIRST_ALLOWED = Pattern.compile("ARRAY\\['([^']*)'");
    /** Values no type default satisfies (a check with a pattern); named by table.column. */
    private static final Map<String, String> SPECIAL = Map.of("web_versions.version", "'2.3000.1'");
    /** Tables referenced by others come first; a reference to events names its newest row (ids the database draws). */
    private static final List<String> FIRST = List.of("messages", "events", "groups");

    private PreviousRelease() {
    }

    static String release() throws IOException {
        return header("release");
    }

    /** The newest migration of the previous release. */
    static String schema() throws IOException {
        return header("schema");
    }

    static List<String> statements() throws IOException {
        String text = MigrationScripts.resource(STATEMENTS, STATEMENTS).replaceAll("(?m)^--.*$", "");
        return Arrays.stream(text.split(";\\s*\\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String header(String name) throws IOException {
        Matcher matcher = HEADER.matcher(MigrationScripts.resource(STATEMENTS, STATEMENTS));
        while (matcher.find()) {
            if (matcher.group(1).equals(name)) {
                return matcher.group(2);
            }
        }
        throw new IllegalStateException(STATEMENTS + " has no '-- " + name + ":' line");
    }

    /** The fixture for the release whose schema {@code admin} holds (migrated to {@code schema}, its newest migration). */
    static String write(Connection admin, String release, String schema) throws SQLException {
        Map<String, List<Column>> tables = columns(admin);
        StringBuilder out = new StringBuilder("""
                -- release: %s
                -- schema: %s
                -- What the session pods of release %s write and read: per table one insert (the columns its schema made
                -- them fill) and one select (every column it had). Written by PreviousRelease.write when the release was
                -- cut (docs/releasing.md); PreviousReleaseOnTheNewSchemaTest runs it, as a session role, on the head.
                """.formatted(release, schema, release));
        List<String> order = new ArrayList<>(FIRST);
        tables.keySet().stream().filter(t -> !FIRST.contains(t)).forEach(order::add);
        Map<String, List<String>> keys = keys(admin);
        for (String table : order) {
            List<Column> filled = tables.get(table).stream().filter(Column::filled).toList();
            String insert = "insert into " + table + " (" + String.join(", ", filled.stream().map(Column::name).toList())
                    + ")\n    values (" + String.join(", ", filled.stream().map(c -> c.value(table)).toList()) + ")";
            // its upserts name their conflict target, so the key must still be there: the first inserts; a later one
            // conflicts with that row, which it can only where the fixture gave every column of it (not the database)
            List<String> given = filled.stream().map(Column::name).toList();
            List<String> conflicts = keys.getOrDefault(table, List.of());
            if (conflicts.isEmpty()) {
                out.append(insert).append(";\n");
            }
            for (int i = 0; i < conflicts.size(); i++) {
                if (i == 0 || given.containsAll(List.of(conflicts.get(i).split(", ")))) {
                    out.append(insert).append("\n    on conflict (").append(conflicts.get(i)).append(") do nothing;\n");
                }
            }
            out.append("select ").append(String.join(", ", tables.get(table).stream().map(Column::name).toList()))
                    .append(" from ").append(table).append(";\n");
        }
        return out.toString();
    }

    /** A column of the release's schema and what its session pods must put in it. */
    record Column(String name, String type, boolean required, boolean drawnByTheDatabase, String check, String references) {

        boolean filled() {
            return !drawnByTheDatabase && (required || check != null || references != null);
        }

        String value(String table) {
            if (name.equals("namespace")) {
                return "'" + NAMESPACE + "'";
            }
            if (name.equals("session")) {
                return "'" + SESSION + "'";
            }
            if (SPECIAL.containsKey(table + "." + name)) {
                return SPECIAL.get(table + "." + name);
            }
            if ("events".equals(references)) {
                return "(select max(id) from events)";
            }
            Matcher allowed = check == null ? null : FIRST_ALLOWED.matcher(check);
            if (allowed != null && allowed.find()) {
                return "'" + allowed.group(1) + "'";
            }
            return switch (type) {
                case "bool" -> "false";
                case "int2", "int4", "int8", "numeric", "float8" -> "1";
                case "timestamptz", "timestamp" -> "'2026-01-01T00:00:00Z'";
                case "bytea" -> "'\\x00'";
                case "jsonb", "json" -> "'{}'";
                case "uuid" -> "'00000000-0000-0000-0000-000000000001'";
                default -> type.startsWith("_") ? "'{}'" : "'previous-release'"; // keys shared across tables match
            };
        }
    }

    /** Each table's primary key and unique constraints, as column lists, the primary key first. */
    private static Map<String, List<String>> keys(Connection admin) throws SQLException {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        try (Statement statement = admin.createStatement(); ResultSet rows = statement.executeQuery("""
                select k.conrelid::regclass::text,
                       (select string_agg(a.attname, ', ' order by c.position) from unnest(k.conkey) with ordinality c(attnum, position)
                          join pg_attribute a on a.attrelid = k.conrelid and a.attnum = c.attnum)
                from pg_constraint k
                where k.connamespace = current_schema()::regnamespace and k.contype in ('p', 'u')
                order by 1, k.contype, k.conname""")) {
            while (rows.next()) {
                keys.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(rows.getString(2));
            }
        }
        return keys;
    }

    private static Map<String, List<Column>> columns(Connection admin) throws SQLException {
        Map<String, List<Column>> tables = new LinkedHashMap<>();
        try (Statement statement = admin.createStatement(); ResultSet rows = statement.executeQuery("""
                select c.table_name, c.column_name, c.udt_name, c.is_nullable = 'NO' and c.column_default is null,
                       exists (select from pg_trigger t where t.tgrelid = to_regclass(c.table_name)
                                 and t.tgname = 'kubezap_ids_' || c.column_name),
                       (select string_agg(pg_get_constraintdef(k.oid), ' ') from pg_constraint k
                         where k.conrelid = to_regclass(c.table_name) and k.contype = 'c'
                           and k.conkey = array[(select attnum from pg_attribute where attrelid = k.conrelid and attname = c.column_name)]),
                       (select max(k.confrelid::regclass::text) from pg_constraint k
                         where k.conrelid = to_regclass(c.table_name) and k.contype = 'f'
                           and (select attnum from pg_attribute where attrelid = k.conrelid and attname = c.column_name) = any (k.conkey))
                from information_schema.columns c
                where c.table_schema = current_schema() and c.table_name not in ('flyway_schema_history', 'session_roles', 'notification_channels')
                order by c.table_name, c.ordinal_position""")) {
            while (rows.next()) {
                tables.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(new Column(rows.getString(2), rows.getString(3),
                        rows.getBoolean(4), rows.getBoolean(5), rows.getString(6), rows.getString(7)));
            }
        }
        return tables;
    }
}
