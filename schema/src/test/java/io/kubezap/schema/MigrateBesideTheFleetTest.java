package io.kubezap.schema;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 71, item 1: a migrate runs while the fleet writes, beside a tenant transaction left open on {@code events} and
 * a backup. Other sessions' writes go on while both are still held (each write has a statement_timeout: a write that
 * queued behind the migrate fails the test), no ACCESS EXCLUSIVE lock ever waits in a queue, and the migrate completes
 * or gives up cleanly. Real PostgreSQL (embedded, 17).
 *
 * <p>The backup is a stand-in for pg_dump: what pg_dump does on start, a REPEATABLE READ transaction holding ACCESS
 * SHARE on every table until it ends. The embedded server's binaries have no pg_dump, and the Debian one here (15)
 * refuses a newer server.
 */
class MigrateBesideTheFleetTest {

    private static final String HOLDER = "fleet_holder";
    private static final String WRITER = "fleet_writer";
    private static final String WRITE_TIMEOUT = "10s";

    private static EmbeddedPostgres server;
    private static int databases;

    @TempDir
    Path scratch;

    private final List<Connection> blockers = new ArrayList<>();
    private CompletableFuture<Void> migrate;

    @BeforeAll
    static void start() throws IOException {
        server = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @AfterEach
    void releaseBlockers() throws Exception {
        for (Connection blocker : blockers) {
            blocker.close();
        }
        if (migrate != null) {
            migrate.handle((done, failure) -> null).get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void aMigrateWithNothingToApplyBlocksNoWrite() throws Exception {
        String database = migratedWithTenants();
        holdTenantTransactionAndDump(database);

        migrate = migrateInBackground(database, 10);
        awaitDoneOrWaitingOnALock(database);

        writeAsAnotherSession(database);
        assertThat(migrate).as("the migrate, while the tenant's transaction and the dump are open").succeedsWithin(60, TimeUnit.SECONDS);
        assertBlockersStillOpen();
    }

    @Test
    void aNewTableIsIsolatedWhileTheFleetWrites() throws Exception {
        String database = migratedWithTenants();
        holdTenantTransactionAndDump(database);
        Files.writeString(scratch.resolve("V9999__fresh.sql"),
                "create table fresh (namespace text not null, session text not null, note text, primary key (namespace, session));");

        migrate = migrateInBackground(database, 10);
        awaitDoneOrWaitingOnALock(database);

        writeAsAnotherSession(database);
        assertThat(migrate).succeedsWithin(60, TimeUnit.SECONDS);
        assertBlockersStillOpen();
        try (Connection admin = connect(database, "postgres"); Statement statement = admin.createStatement();
             ResultSet fresh = statement.executeQuery("""
                     select c.relrowsecurity, c.relforcerowsecurity,
                            (select count(*) from pg_policies p where p.tablename = 'fresh'),
                            has_table_privilege('kubezap_session', 'fresh', 'insert')
                     from pg_class c where c.relname = 'fresh'""")) {
            assertThat(fresh.next()).isTrue();
            assertThat(List.of(fresh.getBoolean(1), fresh.getBoolean(2), fresh.getInt(3) == 2, fresh.getBoolean(4)))
                    .as("fresh: row-level security enabled, forced, both policies, the session group's grant").containsOnly(true);
        }
    }

    @Test
    void aChangeToALockedTableGivesUpCleanlyAndNeverQueuesAheadOfItsWriters() throws Exception {
        String database = migratedWithTenants();
        try (Connection admin = connect(database, "postgres"); Statement statement = admin.createStatement()) {
            statement.execute("alter table events no force row level security");
        }
        holdTenantTransactionAndDump(database);

        migrate = migrateInBackground(database, 3);
        int writes = 0;
        while (!migrate.isDone()) {
            writeAsAnotherSession(database);
            writes++;
            assertThat(waitingExclusiveLocks(database)).as("ACCESS EXCLUSIVE locks waiting in a queue").isZero();
        }

        assertThat(writes).isPositive();
        assertThat(migrate).failsWithin(0, TimeUnit.SECONDS).withThrowableThat().havingRootCause()
                .withMessageContaining("table events stayed locked").withMessageContaining("run the migration again");
        assertBlockersStillOpen();

        for (Connection blocker : blockers) {
            blocker.rollback();
        }
        migrated(database, 10);
        try (Connection admin = connect(database, "postgres"); Statement statement = admin.createStatement();
             ResultSet forced = statement.executeQuery("select relforcerowsecurity from pg_class where relname = 'events'")) {
            assertThat(forced.next() && forced.getBoolean(1)).as("events forced once the blockers are gone").isTrue();
        }
    }

    /** Tenant {@value #HOLDER} has written to events and not committed; a dump holds ACCESS SHARE on every table. */
    private void holdTenantTransactionAndDump(String database) throws SQLException {
        Connection tenant = connect(database, HOLDER);
        tenant.setAutoCommit(false);
        try (Statement statement = tenant.createStatement()) {
            statement.executeUpdate("insert into events (namespace, session, type, payload, occurred_at) values ('tenant', 'holder', 'open', '{}', now())");
        }
        blockers.add(tenant);
        Connection dump = connect(database, "postgres");
        dump.setAutoCommit(false);
        dump.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        List<String> tables = new ArrayList<>();
        try (Statement statement = dump.createStatement(); ResultSet rows = statement.executeQuery(
                "select quote_ident(relname) from pg_class where relnamespace = current_schema()::regnamespace and relkind in ('r', 'p')")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        try (Statement statement = dump.createStatement()) {
            for (String table : tables) {
                statement.execute("lock table " + table + " in access share mode");
            }
        }
        blockers.add(dump);
    }

    /**
     * Tenant {@value #WRITER} writes to the table the open transaction holds and to others, and takes the lock a write
     * takes on every table it may write; none may wait.
     */
    private static void writeAsAnotherSession(String database) throws SQLException {
        try (Connection writer = connect(database, WRITER); Statement statement = writer.createStatement()) {
            statement.execute("set statement_timeout = '" + WRITE_TIMEOUT + "'");
            statement.executeUpdate("insert into events (namespace, session, type, payload, occurred_at) values ('tenant', 'writer', 'write', '{}', now())");
            statement.executeUpdate("insert into chats (namespace, session, jid, created_at) values ('tenant', 'writer', gen_random_uuid()::text, now())");
            statement.executeUpdate("insert into contacts (namespace, session, jid, updated_at) values ('tenant', 'writer', gen_random_uuid()::text, now())");
            statement.executeUpdate("insert into messages (namespace, session, id, chat_jid, direction, type, status, created_at, updated_at, origin)"
                    + " values ('tenant', 'writer', gen_random_uuid()::text, 'chat', 'in', 'text', 'received', now(), now(), 'api')");
            writer.setAutoCommit(false);
            for (String table : writableTables(statement)) {
                statement.execute("lock table " + table + " in row exclusive mode");
            }
            writer.rollback();
        }
    }

    /** Every table the session group may write: taking its ROW EXCLUSIVE lock is what any write to it waits for. */
    private static List<String> writableTables(Statement statement) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("select quote_ident(relname) from pg_class"
                + " where relnamespace = current_schema()::regnamespace and relkind in ('r', 'p')"
                + " and has_table_privilege(oid, 'insert')")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private void assertBlockersStillOpen() throws SQLException {
        for (Connection blocker : blockers) {
            try (Statement statement = blocker.createStatement(); ResultSet open = statement.executeQuery("select now() <> statement_timestamp()")) {
                assertThat(open.next() && open.getBoolean(1)).as("the blocker's transaction is still the one it began").isTrue();
            }
        }
    }

    /** The migrate has finished, or one of its statements waits for a lock (which the old afterMigrate.sql did). */
    private void awaitDoneOrWaitingOnALock(String database) throws Exception {
        try (Connection admin = connect(database, "postgres"); Statement statement = admin.createStatement()) {
            while (!migrate.isDone()) {
                try (ResultSet waiting = statement.executeQuery("select count(*) from pg_locks where not granted")) {
                    waiting.next();
                    if (waiting.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(50);
            }
        }
    }

    private static int waitingExclusiveLocks(String database) throws SQLException {
        try (Connection admin = connect(database, "postgres"); Statement statement = admin.createStatement();
             ResultSet waiting = statement.executeQuery("select count(*) from pg_locks where not granted and mode = 'AccessExclusiveLock'")) {
            waiting.next();
            return waiting.getInt(1);
        }
    }

    private CompletableFuture<Void> migrateInBackground(String database, int lockAttempts) {
        return CompletableFuture.runAsync(() -> migrated(database, lockAttempts));
    }

    private void migrated(String database, int lockAttempts) {
        Flyway.configure()
                .dataSource(url(database) + "?options=-c%20kubezap.migrate_lock_attempts=" + lockAttempts, "postgres", "postgres")
                .locations("classpath:" + SessionSchema.MIGRATIONS, "filesystem:" + scratch)
                .load().migrate();
    }

    private String migratedWithTenants() throws Exception {
        String database = "fleet" + ++databases;
        try (Connection admin = connect("postgres", "postgres"); Statement statement = admin.createStatement()) {
            statement.execute("create database " + database);
        }
        Flyway.configure().dataSource(url(database), "postgres", "postgres")
                .locations("classpath:" + SessionSchema.MIGRATIONS).load().migrate();
        try (Connection admin = connect(database, "postgres"); Statement statement = admin.createStatement()) {
            for (String role : List.of(HOLDER, WRITER)) {
                statement.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + role + "') then create role "
                        + role + " login password '" + role + "' in role kubezap_session; end if; end $$");
                statement.execute("insert into session_roles (role_name, namespace, session) values ('" + role + "', 'tenant', '"
                        + role.substring("fleet_".length()) + "')");
            }
        }
        return database;
    }

    private static Connection connect(String database, String role) throws SQLException {
        return DriverManager.getConnection(url(database), role, role.equals("postgres") ? "postgres" : role);
    }

    private static String url(String database) {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/" + database;
    }
}
