package io.kubezap.schema;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
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
        assertThat(scripts()).as("the scripts that run on every migrate are read too").filteredOn(FleetBlockingStatements::runsOnEveryMigrate)
                .contains("afterMigrate.sql");
        Map<String, List<FleetBlockingStatements.Finding>> blocking = new LinkedHashMap<>();
        for (String script : scripts()) {
            List<FleetBlockingStatements.Finding> findings = FleetBlockingStatements.runsOnEveryMigrate(script)
                    ? FleetBlockingStatements.onEveryMigrate(read(script)) : FleetBlockingStatements.in(read(script));
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

    /** Issue 71: afterMigrate.sql took every table's exclusive lock on every migrate, in one transaction. */
    @Test
    void theRulesCatchAScriptThatLocksOnEveryMigrate() {
        assertThat(FleetBlockingStatements.runsOnEveryMigrate("afterMigrate.sql")).isTrue();
        assertThat(FleetBlockingStatements.runsOnEveryMigrate("R__views.sql")).isTrue();
        assertThat(FleetBlockingStatements.runsOnEveryMigrate("V90__x.sql")).isFalse();
        assertThat(FleetBlockingStatements.onEveryMigrate("""
                do $$
                declare t record;
                begin
                    for t in select relname as name from pg_class loop
                        execute format('alter table %I enable row level security', t.name);
                    end loop;
                end
                $$;""")).extracting(finding -> finding.rule().replaceAll(" \\(.*", ""))
                .containsExactly("DDL executed directly on every migrate", "changes applied without a lock_timeout");
        assertThat(FleetBlockingStatements.onEveryMigrate("grant select on chats to kubezap_session;"))
                .singleElement().satisfies(finding -> assertThat(finding.rule()).startsWith("a statement of its own"));
        assertThat(FleetBlockingStatements.onEveryMigrate("""
                do $$
                declare change jsonb;
                begin
                    for change in select value from jsonb_array_elements('[]') loop
                        execute format('lock table %I in %s mode nowait', change ->> 'target', change ->> 'lock');
                        execute change ->> 'statement';
                    end loop;
                end
                $$;""")).singleElement().satisfies(finding -> assertThat(finding.rule()).startsWith("changes applied without a lock_timeout"));
    }

    /** Migrations before V90 were written before the rule; the other helper's V86-V89 may still come before it. */
    static final BigInteger LOCK_TIMEOUT_FROM = BigInteger.valueOf(90);

    @Test
    void newMigrationsWaitForATableLockOnlyBriefly() throws IOException {
        List<String> waiting = new ArrayList<>();
        for (String script : MigrationScripts.sql()) {
            String text = read(script);
            if (MigrationScripts.version(script).compareTo(LOCK_TIMEOUT_FROM) >= 0 && !scripts().contains(script + ".conf")
                    && FleetBlockingStatements.waitsForATableLock(text) && !FleetBlockingStatements.setsALockTimeout(text)) {
                waiting.add(script);
            }
        }
        assertThat(waiting).as("migrations that lock a table without set local lock_timeout first").isEmpty();
    }

    @Test
    void theRulesCatchAMigrationThatWaitsUnbounded() {
        assertThat(FleetBlockingStatements.waitsForATableLock("alter table messages add column pinned boolean;")).isTrue();
        assertThat(FleetBlockingStatements.waitsForATableLock("create policy p on chats using (true);")).isTrue();
        assertThat(FleetBlockingStatements.waitsForATableLock("create table fresh (id text); alter table fresh add column x text;")).isFalse();
        assertThat(FleetBlockingStatements.setsALockTimeout("set local lock_timeout = '5s';\nalter table messages add column pinned boolean;")).isTrue();
        assertThat(FleetBlockingStatements.setsALockTimeout("alter table messages add column pinned boolean;")).isFalse();
    }

    @Test
    void concurrentStatementsRunOutsideATransaction() throws IOException {
        List<String> scripts = scripts();
        for (String script : scripts) {
            if (FleetBlockingStatements.runsOnEveryMigrate(script)) {
                assertThat(scripts).as(script + " commits each change on its own: it needs its Flyway script config").contains(script + ".conf");
                assertThat(read(script + ".conf")).as(script + ".conf").contains("executeInTransaction=false");
            }
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
