package io.kubezap.operator.database;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.kubezap.operator.database.Sql.execute;
import static io.kubezap.operator.database.Sql.insertMessage;
import static io.kubezap.operator.database.Sql.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** dataOnDelete: Delete against the real schema, and what the schema's guard does with a table it cannot isolate. */
class SessionDataTest {

    private static final List<String> SESSIONS = List.of("echo", "foxtrot");
    private final SessionData data = new SessionData(new AdminDatabase(MigratedDatabase::admin));

    @Test
    void deleteRemovesExactlyOneSessionsRowsFromEveryTable() throws SQLException {
        try (Connection admin = MigratedDatabase.connect("postgres", "postgres")) {
            for (String session : SESSIONS) {
                fill(admin, session);
            }
            Map<String, Integer> before = counts(admin, "foxtrot");

            Map<String, Integer> deleted = data.delete("wipe", "echo");

            assertThat(deleted).containsKeys("messages", "message_status_history", "outbound_queue", "events",
                    "webhook_deliveries", "chats", "contacts", "session_state_history");
            assertThat(counts(admin, "echo")).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
            assertThat(counts(admin, "foxtrot")).isEqualTo(before).allSatisfy((table, rows) ->
                    assertThat(rows).as(table).isPositive());
        }
    }

    @Test
    void aMigrationAddingATableWithoutSessionColumnsIsRefused() throws IOException, SQLException {
        Path migrations = Files.createTempDirectory("kubezap-migrations");
        MigratedDatabase.copyMigrations(migrations);
        Files.writeString(migrations.resolve("V29__global_table.sql"), "create table global_settings (key text primary key, value text);");
        String url = MigratedDatabase.freshDatabase("refused_" + ProcessHandle.current().pid());

        assertThatThrownBy(() -> MigratedDatabase.migrate(url, migrations))
                .hasStackTraceContaining("table global_settings has no (namespace, session) columns");
    }

    private static void fill(Connection admin, String session) throws SQLException {
        String key = "'wipe', '" + session + "'";
        insertMessage(admin, "wipe", session, "m-" + session, "text of " + session);
        execute(admin, "insert into message_status_history (namespace, session, message_id, status, at) values (" + key + ", 'm-" + session + "', 'sent', now())");
        execute(admin, "insert into outbound_queue (namespace, session, message_id, state, next_attempt_at, created_at) values (" + key + ", 'm-" + session + "', 'done', now(), now())");
        execute(admin, "insert into chats (namespace, session, jid, created_at) values (" + key + ", '5511999999999@s.whatsapp.net', now())");
        execute(admin, "insert into contacts (namespace, session, jid, updated_at) values (" + key + ", '5511999999999@s.whatsapp.net', now())");
        execute(admin, "insert into session_state_history (namespace, session, phase, state, recorded_at) values (" + key + ", 'Connected', '{}', now())");
        execute(admin, "insert into events (namespace, session, type, payload, occurred_at) values (" + key + ", 'message.sent', '{}', now())");
        execute(admin, "insert into webhook_deliveries (id, namespace, session, event_id, event_type, endpoint_url, payload, status, next_attempt_at, created_at)"
                + " select 'd-" + session + "', " + key + ", max(id), 'message.sent', 'http://hook', '{}', 'pending', now(), now() from events where session = '" + session + "'");
    }

    private static Map<String, Integer> counts(Connection admin, String session) throws SQLException {
        Map<String, Integer> counts = new TreeMap<>();
        for (String table : List.of("messages", "message_status_history", "outbound_queue", "chats", "contacts",
                "session_state_history", "events", "webhook_deliveries")) {
            counts.put(table, Integer.parseInt(strings(admin, "select count(*) from " + table
                    + " where namespace = 'wipe' and session = '" + session + "'").getFirst()));
        }
        return counts;
    }
}
