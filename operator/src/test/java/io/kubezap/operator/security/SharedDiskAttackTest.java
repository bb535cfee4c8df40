package io.kubezap.operator.security;

import io.kubezap.operator.database.AdminDatabase;
import io.kubezap.operator.database.MigratedDatabase;
import io.kubezap.operator.database.SessionRoles;
import io.kubezap.operator.database.TenantLogins;
import io.kubezap.operator.database.Sql;
import io.kubezap.schema.SessionSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Issue 51, item 5: a tenant logged in with its session's own role (its credentials are in its namespace) writes to
 * the PostgreSQL every tenant shares. It must not fill the server's disk past the quota the cluster admin gave each
 * session, nor store one event or message so large that every gateway replica loads it whole. Real PostgreSQL.
 */
class SharedDiskAttackTest {

    private static final String NS = "disk";
    private static final long QUOTA = 64 * 1024;
    private static final SessionRoles ROLES = new SessionRoles(new AdminDatabase(MigratedDatabase::admin), 3, QUOTA);

    @BeforeAll
    static void tenants() {
        TenantLogins.ensure(ROLES, NS, "filler");
        TenantLogins.ensure(ROLES, NS, "neighbour");
        TenantLogins.ensure(new SessionRoles(new AdminDatabase(MigratedDatabase::admin), 3, null), NS, "big");
    }

    @Test
    void aTenantInsertingRowsWithoutEndIsStoppedAtItsQuotaAndTheOthersStillWrite() throws SQLException {
        try (Connection filler = as("filler"); Connection neighbour = as("neighbour")) {
            String kilobyte = "x".repeat(1024);
            int stored = 0;
            SQLException refused = null;
            while (refused == null && stored < 1000) { // before the fix: all 1,000 went in
                try {
                    event(filler, "filler", kilobyte);
                    stored++;
                } catch (SQLException e) {
                    refused = e;
                }
            }
            assertThat((Throwable) refused).as("an insert past the quota is refused").isNotNull();
            assertThat(refused.getSQLState()).isEqualTo(SessionSchema.STORAGE_QUOTA_EXCEEDED);
            assertThat(refused.getMessage()).contains("storage quota of session disk/filler exceeded");
            assertThat(stored).isBetween(40, 64);
            assertThat(Long.parseLong(Sql.strings(filler, "select bytes from session_storage").getFirst()))
                    .isLessThanOrEqualTo(QUOTA);

            event(neighbour, "neighbour", kilobyte); // another tenant's quota is its own

            Sql.update(filler, "delete from events where id in (select id from events order by id limit 10)");
            event(filler, "filler", kilobyte); // deleting made room
        }
    }

    @Test
    void aTenantCannotRaiseItsQuotaNorResetWhatItUsed() throws SQLException {
        try (Connection filler = as("filler")) {
            assertThat(Sql.strings(filler, "select quota_bytes from session_storage")).containsExactly(Long.toString(QUOTA));
            for (String sql : new String[]{"update session_storage set quota_bytes = null",
                    "update session_storage set bytes = 0", "delete from session_storage", "truncate session_storage",
                    "insert into session_storage (namespace, session, bytes) values ('disk', 'filler', 0)",
                    "alter table events disable trigger kubezap_storage", "drop trigger kubezap_storage on events"}) {
                assertThatThrownBy(() -> Sql.execute(filler, sql)).as(sql).isInstanceOf(SQLException.class);
            }
        }
    }

    @Test
    void oneHugeEventOrMessageIsRefusedWhateverTheQuota() throws SQLException {
        try (Connection big = as("big")) {
            SQLException event = catchThrowableOfType(SQLException.class, () -> Sql.execute(big, """
                    insert into events (namespace, session, type, payload, occurred_at)
                    values ('disk', 'big', 'message.received', jsonb_build_object('text', repeat('x', 16 * 1024 * 1024)), now())"""));
            assertThat((Throwable) event).as("a 16 MB event").isNotNull();
            assertThat(event.getSQLState()).isEqualTo("23514");
            assertThat(event.getMessage()).contains("events_payload_at_most_1_mib");

            SQLException message = catchThrowableOfType(SQLException.class,
                    () -> Sql.insertMessage(big, NS, "big", "huge", "x".repeat(2 * 1024 * 1024)));
            assertThat((Throwable) message).as("a 2 MB message text").isNotNull();
            assertThat(message.getMessage()).contains("messages_text_at_most_1_mib");
            assertThat(Sql.strings(big, "select count(*) from events")).containsExactly("0");
        }
    }

    /** Issue 68, item 3: storage and disk writes no quota sees, each refused (V85). */
    @Test
    void aTenantCannotStoreOutsideItsRows() throws SQLException {
        try (Connection filler = as("filler")) {
            for (String sql : new String[]{
                    "select lo_from_bytea(0, decode(repeat('78', 1024 * 1024), 'hex'))", // before the fix: 20 MB in 20 calls
                    "select lo_create(0)", "select lo_creat(-1)", "select lo_put(1, 0, '\\x78')",
                    "select lowrite(lo_open(1, 131072), '\\x78')",
                    "select pg_logical_emit_message(false, 'x', repeat('y', 1024 * 1024))", // WAL: 100 MB a call
                    "select pg_advisory_lock(1)", "select pg_try_advisory_lock(2)", "select pg_advisory_xact_lock(3)"}) {
                assertThatThrownBy(() -> Sql.execute(filler, sql)).as(sql).hasMessageContaining("permission denied for function");
            }
            for (String sql : new String[]{"create table junk (x text)", "create unlogged table junk (x text)",
                    "create sequence junk", "create function junk() returns int language sql as 'select 1'",
                    "create temporary table junk (x text)"}) {
                assertThatThrownBy(() -> Sql.execute(filler, sql)).as(sql).hasMessageContaining("permission denied");
            }
            assertThat(Sql.strings(filler, "select count(*) from pg_largeobject_metadata")).containsExactly("0");
        }
    }

    /** Issue 68, item 3: a sort or hash spilling to disk writes temporary files no quota counts. */
    @Test
    void aTenantsTemporaryFilesAreCappedAndItCannotLiftTheCap() throws SQLException {
        try (Connection filler = as("filler")) {
            assertThat(Sql.strings(filler, "show temp_file_limit")).containsExactly(SessionRoles.TEMP_FILE_LIMIT); // before: -1
            assertThatThrownBy(() -> Sql.execute(filler, "set temp_file_limit = -1")).hasMessageContaining("permission denied");
        }
    }

    @Test
    void everySessionTableCountsAgainstTheQuota() throws SQLException {
        try (Connection admin = MigratedDatabase.connect("postgres", "postgres")) {
            assertThat(Sql.strings(admin, """
                    select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                    where n.nspname = current_schema() and c.relkind in ('r', 'p')
                      and c.relname not in ('flyway_schema_history', 'session_roles', 'session_storage', 'notification_channels',
                                            'namespace_roles', 'session_tokens')
                      and not exists (select from pg_trigger g where g.tgrelid = c.oid and g.tgname = 'kubezap_storage')"""))
                    .as("session tables a tenant could fill unaccounted").isEmpty();
        }
    }

    private static void event(Connection connection, String session, String text) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into events (namespace, session, type, payload,"
                + " occurred_at) values (?, ?, 'message.received', jsonb_build_object('text', ?::text), now())")) {
            insert.setString(1, NS);
            insert.setString(2, session);
            insert.setString(3, text);
            insert.executeUpdate();
        }
    }

    private static Connection as(String session) throws SQLException {
        return TenantLogins.connect(NS, session);
    }
}
