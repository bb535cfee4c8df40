package io.kubezap.schema;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 53, item 2: a migration runs while every tenant's pod writes to the same tables (docs/database.md, "Migrations
 * on a live fleet"). No migration may take a lock those writes would queue behind for longer than a catalogue change.
 * The releases up to 30d1101c did (a plain {@code create index} on messages in V67, backfills): they are listed here as
 * they are, and no other script may join them.
 */
class MigrationsDoNotBlockTheFleetTest {

    /** Released before the rule, with what each does that a live fleet feels; never add to this. */
    private static final Map<String, Integer> RELEASED_BEFORE_THE_RULE = Map.of(
            "V22__message_kinds.sql", 2,
            "V47__lid_from_calls.sql", 1,
            "V49__gateway_reader.sql", 2,
            "V53__retention_indexes.sql", 1,
            "V67__history_messages.sql", 1,
            "V73__chat_last_activity.sql", 1);

    @Test
    void noMigrationTakesALockALiveFleetWouldFeel() throws IOException {
        Map<String, List<FleetBlockingStatements.Finding>> blocking = new LinkedHashMap<>();
        for (String script : scripts()) {
            List<FleetBlockingStatements.Finding> findings = FleetBlockingStatements.in(read(script));
            if (findings.size() != RELEASED_BEFORE_THE_RULE.getOrDefault(script, 0)) {
                blocking.put(script, findings);
            }
        }
        assertThat(blocking).as("migrations that would block every tenant's writes while they run").isEmpty();
    }

    @Test
    void theRulesCatchWhatBlocked() {
        assertThat(FleetBlockingStatements.in("create index messages_history on messages (namespace, session) where history;"))
                .singleElement().satisfies(finding -> assertThat(finding.rule()).startsWith("create index without concurrently"));
        assertThat(FleetBlockingStatements.in("""
                create table fresh (namespace text, session text, id text);
                create index fresh_by_id on fresh (id);
                update fresh set id = 'x';""")).as("a table the script creates is nobody's yet").isEmpty();
        assertThat(FleetBlockingStatements.in("create index concurrently messages_history on messages (namespace, session);")).isEmpty();
        assertThat(rules("alter table messages add column seen_at timestamptz not null default now();")).singleElement().asString().startsWith("a column with a volatile default");
        assertThat(rules("alter table messages add column pinned boolean not null default false;")).isEmpty();
        assertThat(rules("alter table chats alter column unread_count type bigint;")).singleElement().asString().startsWith("alter column type");
        assertThat(rules("alter table chats alter column name set not null;")).singleElement().asString().startsWith("set not null without a validated check");
        assertThat(rules("alter table chats add constraint named check (name is not null) not valid;")).isEmpty();
        assertThat(rules("alter table chats add constraint named check (name is not null);")).singleElement().asString().startsWith("a constraint added valid");
        assertThat(rules("update chats set last_activity_at = last_message_at;")).singleElement().asString().startsWith("a backfill");
        assertThat(rules("drop index messages_history;")).singleElement().asString().startsWith("drop index without concurrently");
        assertThat(rules("-- create index x on messages (id);\nselect 1;")).isEmpty();
    }

    @Test
    void concurrentStatementsRunOutsideATransaction() throws IOException {
        List<String> scripts = scripts();
        for (String script : scripts) {
            if (script.endsWith(".sql") && read(script).toLowerCase().contains("concurrently")) {
                assertThat(scripts).as(script + " needs its Flyway script config").contains(script + ".conf");
                assertThat(read(script + ".conf")).as(script + ".conf").contains("executeInTransaction=false");
            }
        }
    }

    private static List<String> rules(String sql) {
        return FleetBlockingStatements.in(sql).stream().map(finding -> finding.rule().replaceAll(" \\(.*", "")).toList();
    }

    private static List<String> scripts() throws IOException {
        return MigrationScripts.all();
    }

    private static String read(String script) throws IOException {
        return MigrationScripts.read(script);
    }

}
