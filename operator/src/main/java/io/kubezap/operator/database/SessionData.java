package io.kubezap.operator.database;

import io.kubezap.schema.SessionSchema;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A session's rows in every table of the schema: counted, or deleted in one transaction. The tables are read from
 * the catalogue (every table has {@code namespace} and {@code session} columns, afterMigrate.sql makes sure), so a
 * table added by a later migration is covered without a change here. Tables that reference others go first. The
 * session's role mapping is {@link SessionRoles}' to remove; its storage counter ({@code session_storage}) is
 * bookkeeping, not data: never counted as kept, deleted after the rows it counts.
 */
@ApplicationScoped
public class SessionData {

    private final AdminDatabase admin;

    public SessionData(AdminDatabase admin) {
        this.admin = admin;
    }

    /** Deletes the session's rows; returns the number deleted per table (tables with none left out). */
    public Map<String, Integer> delete(String namespace, String session) {
        try {
            return admin.use(connection -> {
                connection.setAutoCommit(false);
                Map<String, Integer> deleted = new LinkedHashMap<>();
                for (String table : referencingFirst(connection)) {
                    int rows = delete(connection, table, namespace, session);
                    if (rows > 0) {
                        deleted.put(table, rows);
                    }
                }
                // last: the deletes above count themselves off it
                delete(connection, SessionSchema.SESSION_STORAGE, namespace, session);
                connection.commit();
                return deleted;
            });
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot delete the rows of " + namespace + "/" + session, e);
        }
    }

    private static int delete(Connection connection, String table, String namespace, String session) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from " + quoted(table) + " where namespace = ? and session = ?")) {
            delete.setString(1, namespace);
            delete.setString(2, session);
            return delete.executeUpdate();
        }
    }

    /** Tables of the current schema with a (namespace, session) key, each after every table that references it. */
    static List<String> referencingFirst(Connection connection) throws SQLException {
        Set<String> tables = new TreeSet<>();
        try (PreparedStatement query = connection.prepareStatement("""
                select table_name from information_schema.columns
                where table_schema = current_schema() and column_name in ('namespace', 'session')
                  and table_name not in ('%s', '%s')
                group by table_name having count(*) = 2""".formatted(SessionSchema.SESSION_ROLES, SessionSchema.SESSION_STORAGE));
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        Map<String, Set<String>> referencedBy = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("""
                select c.conrelid::regclass::text, c.confrelid::regclass::text from pg_constraint c
                where c.contype = 'f' and c.connamespace = current_schema()::regnamespace""");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                referencedBy.computeIfAbsent(rows.getString(2), k -> new TreeSet<>()).add(rows.getString(1));
            }
        }
        List<String> ordered = new ArrayList<>();
        tables.forEach(table -> visit(table, tables, referencedBy, ordered, new TreeSet<>()));
        return ordered;
    }

    private static void visit(String table, Set<String> tables, Map<String, Set<String>> referencedBy,
                              List<String> ordered, Set<String> path) {
        if (ordered.contains(table) || !tables.contains(table) || !path.add(table)) {
            return;
        }
        referencedBy.getOrDefault(table, Set.of()).forEach(child -> visit(child, tables, referencedBy, ordered, path));
        ordered.add(table);
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
