package io.kubezap.operator.security;

import io.kubezap.operator.database.AdminDatabase;
import io.kubezap.operator.database.MigratedDatabase;
import io.kubezap.operator.database.SessionRoles;
import io.kubezap.operator.database.TenantLogins;
import io.kubezap.operator.database.Sql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 51, item 1: every session's rows take their ids from sequences all sessions share (events, webhook deliveries,
 * status and edit histories). A tenant logged in with its session's own role chooses ids ahead of the sequence, or
 * advances it, so that another tenant's inserts fail on the key (an incoming message, acknowledged to WhatsApp, lost)
 * or the gateway's feed, which follows event ids, jumps past everyone's events. Against the real PostgreSQL.
 */
class SharedIdsAttackTest {

    private static final String NS = "ids";
    private static final SessionRoles ROLES = new SessionRoles(new AdminDatabase(MigratedDatabase::admin));

    @BeforeAll
    static void twoTenants() {
        TenantLogins.ensure(ROLES, NS, "attacker");
        TenantLogins.ensure(ROLES, NS, "victim");
    }

    @Test
    void idsATenantChoosesAheadOfTheSequenceNeitherStandNorBreakAnotherTenantsInserts() throws SQLException {
        try (Connection attacker = as("attacker"); Connection victim = as("victim")) {
            long own = event(attacker, null);
            List<Long> chosen = List.of(own + 10, own + 11, own + 12, own + 13, own + 14);
            List<Long> stored = new ArrayList<>();
            for (long id : chosen) {
                stored.add(event(attacker, id));
            }
            assertThat(stored).as("the ids the attacker's rows got").doesNotContainAnyElementsOf(chosen);

            List<Long> victims = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                victims.add(event(victim, null)); // before the fix: duplicate key value violates "events_pkey"
            }
            assertThat(victims).doesNotHaveDuplicates().isSorted();
        }
    }

    @Test
    void aTenantCannotPlaceAnEventAtTheEndOfTheIdRangeWhereTheGatewaysFeedWouldFollowIt() throws SQLException {
        try (Connection attacker = as("attacker")) {
            long stored = event(attacker, Long.MAX_VALUE - 1);
            assertThat(stored).isLessThan(Long.MAX_VALUE - 1);
            assertThatThrownBy(() -> Sql.update(attacker, "update events set id = 9223372036854775806 where id = " + stored))
                    .hasMessageContaining("assigned by the database");
            assertThat(Sql.strings(attacker, "select id from events where id = " + stored)).containsExactly(Long.toString(stored));
        }
    }

    @Test
    void aTenantCannotReadOrAdvanceAnySharedSequence() throws SQLException {
        try (Connection admin = MigratedDatabase.connect("postgres", "postgres"); Connection attacker = as("attacker")) {
            List<String> sequences = Sql.strings(admin, """
                    select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = current_schema() and c.relkind = 'S'""");
            assertThat(sequences).contains("events_id_seq", "webhook_deliveries_seq_seq");
            for (String sequence : sequences) {
                for (String call : List.of("nextval", "currval", "setval")) {
                    String sql = "select " + call + "('" + sequence + "'" + (call.equals("setval") ? ", 1000000)" : ")");
                    assertThatThrownBy(() -> Sql.strings(attacker, sql)).as(sql).hasMessageContaining("permission denied");
                }
                assertThatThrownBy(() -> Sql.strings(attacker, "select last_value from " + sequence))
                        .hasMessageContaining("permission denied");
            }
        }
    }

    @Test
    void webhookDeliveriesOrderIsTheDatabasesToo() throws SQLException {
        try (Connection attacker = as("attacker"); Connection victim = as("victim")) {
            long victimsEvent = event(victim, null);
            long first = delivery(victim, victimsEvent, "victim-1", null);
            long forged = delivery(attacker, event(attacker, null), "attacker-1", first + 5);
            assertThat(forged).isNotEqualTo(first + 5);
            long previous = first;
            for (int i = 2; i <= 8; i++) {
                long next = delivery(victim, victimsEvent, "victim-" + i, null); // before the fix: webhook_deliveries_seq_key
                assertThat(next).isGreaterThan(previous);
                previous = next;
            }
        }
    }

    /**
     * Every column that takes its values from a sequence has the trigger that draws them, for the tables later
     * migrations add too (afterMigrate.sql makes it so; this catches a table that escapes it).
     */
    @Test
    void everySequenceFedColumnTakesItsIdsFromTheDatabaseOnly() throws SQLException {
        try (Connection admin = MigratedDatabase.connect("postgres", "postgres")) {
            List<String> columns = Sql.strings(admin, """
                    select t.relname || '.' || a.attname from pg_depend d
                    join pg_class s on s.oid = d.objid and s.relkind = 'S'
                    join pg_class t on t.oid = d.refobjid
                    join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
                    join pg_namespace n on n.oid = t.relnamespace
                    where n.nspname = current_schema() and d.deptype in ('a', 'i')""");
            assertThat(columns).contains("events.id", "webhook_deliveries.seq", "message_status_history.id");
            List<String> open = Sql.strings(admin, """
                    select t.relname || '.' || a.attname from pg_depend d
                    join pg_class s on s.oid = d.objid and s.relkind = 'S'
                    join pg_class t on t.oid = d.refobjid
                    join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
                    join pg_namespace n on n.oid = t.relnamespace
                    where n.nspname = current_schema() and d.deptype in ('a', 'i')
                      and (a.atthasdef or not exists (select from pg_trigger g where g.tgrelid = t.oid
                                                       and g.tgname = 'kubezap_ids_' || a.attname))""");
            assertThat(open).as("sequence-fed columns a session could set or whose sequence it needs").isEmpty();
        }
    }

    private static long event(Connection connection, Long id) throws SQLException {
        String columns = id == null ? "" : "id, ";
        String values = id == null ? "" : id + ", ";
        try (PreparedStatement insert = connection.prepareStatement("insert into events (" + columns
                + "namespace, session, type, payload, occurred_at) values (" + values
                + "?, ?, 'message.received', '{}', now()) returning id")) {
            insert.setString(1, NS);
            insert.setString(2, session(connection));
            return single(insert);
        }
    }

    private static long delivery(Connection connection, long eventId, String id, Long seq) throws SQLException {
        String columns = seq == null ? "" : "seq, ";
        String values = seq == null ? "" : seq + ", ";
        try (PreparedStatement insert = connection.prepareStatement("insert into webhook_deliveries (" + columns
                + "id, namespace, session, event_id, event_type, endpoint_url, payload, status, next_attempt_at, created_at)"
                + " values (" + values + "?, ?, ?, ?, 'message.received', 'https://example.com', '{}', 'pending', now(), now())"
                + " returning seq")) {
            insert.setString(1, id);
            insert.setString(2, NS);
            insert.setString(3, session(connection));
            insert.setLong(4, eventId);
            return single(insert);
        }
    }

    private static long single(PreparedStatement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String session(Connection connection) throws SQLException {
        return Sql.strings(connection, "select session from kubezap_current_session()").getFirst();
    }

    private static Connection as(String session) throws SQLException {
        return TenantLogins.connect(NS, session);
    }
}
