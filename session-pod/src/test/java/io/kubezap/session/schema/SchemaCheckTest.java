package io.kubezap.session.schema;

import io.kubezap.schema.SessionSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pod's schema check (one query, no Flyway) against what Flyway itself applies from the same packaged scripts:
 * the states and messages a pod reports on a fresh, a current, an older and a newer schema, and without a database.
 */
class SchemaCheckTest {

    private static EmbeddedPostgres postgres;
    private static DataSource database;

    private final SchemaCheck check = new SchemaCheck(database, new PackagedMigrations());

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        database = postgres.getPostgresDatabase();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void emptyDatabase() throws SQLException {
        sql("drop schema public cascade; create schema public");
    }

    @Test
    void aFreshDatabaseIsBehindEveryMigration() {
        SchemaStatus status = check.status();

        assertThat(status.state()).isEqualTo(SchemaStatus.State.BEHIND);
        assertThat(status.describe()).isEqualTo("waiting for the database schema: at version none, this pod needs "
                + newestScript() + " (the release's migration Job applies it: kubezap-session-pod migrate)");
    }

    @Test
    void theSchemaFlywayAppliesFromThePackagedScriptsIsCurrent() {
        flyway().migrate();

        SchemaStatus status = check.status();

        assertThat(status.state()).isEqualTo(SchemaStatus.State.CURRENT);
        assertThat(status.describe()).isEqualTo("database schema at version " + flyway().info().current().getVersion());
        assertThat(status.expected()).isEqualTo(newestScript());
    }

    @Test
    void aSchemaOfTheReleaseBeforeIsBehind() throws SQLException {
        MigrationInfo[] scripts = flyway().info().all();
        String previous = scripts[scripts.length - 2].getVersion().getVersion();
        flyway().migrate();
        sql("delete from flyway_schema_history where version = '" + newestScript() + "'");

        SchemaStatus status = check.status();

        assertThat(status.state()).isEqualTo(SchemaStatus.State.BEHIND);
        assertThat(status.describe()).startsWith("waiting for the database schema: at version " + previous
                + ", this pod needs " + newestScript() + " ");
    }

    @Test
    void aFailedMigrationLeavesThePodWaiting() throws SQLException {
        flyway().migrate();
        sql("update flyway_schema_history set success = false where version = '" + newestScript() + "'");

        assertThat(check.status().state()).isEqualTo(SchemaStatus.State.BEHIND);
    }

    @Test
    void aSchemaOfALaterReleaseThatNoLongerServesThisPodIsAhead() throws SQLException {
        flyway().migrate();
        laterRelease("999", "kubezap-compatible-from: 998");

        SchemaStatus status = check.status();

        assertThat(status.ready()).isFalse();
        assertThat(status.state()).isEqualTo(SchemaStatus.State.AHEAD);
        assertThat(status.describe()).isEqualTo("the database schema is at version 999, newer than this pod understands ("
                + newestScript() + ") and serving session pods from schema 998 on only: run a session-pod image of the release that migrated it");
    }

    @Test
    void aSchemaOfALaterReleaseThatSaysNothingIsAhead() throws SQLException {
        flyway().migrate();
        laterRelease("999", null);

        SchemaStatus status = check.status();

        assertThat(status.ready()).isFalse();
        assertThat(status.describe()).isEqualTo("the database schema is at version 999, newer than this pod understands ("
                + newestScript() + "): run a session-pod image of the release that migrated it");
    }

    /** Issue 53 item 1: after helm rollback, the release before runs on the schema that only expanded since. */
    @Test
    void aSchemaOfALaterReleaseThatStillServesThisPodLetsItStart() throws SQLException {
        flyway().migrate();
        laterRelease("999", "kubezap-compatible-from: " + newestScript());

        SchemaStatus status = check.status();

        assertThat(status.ready()).as(status.describe()).isTrue();
        assertThat(status.state()).isEqualTo(SchemaStatus.State.NEWER_COMPATIBLE);
        assertThat(status.describe()).isEqualTo("database schema at version 999, newer than this pod's " + newestScript()
                + " and still serving it (compatible from " + newestScript() + ")");
    }

    @Test
    void theMigrationsThemselvesSayWhichReleaseTheyStillServe() throws SQLException {
        flyway().migrate();
        laterRelease("999", "unchanged");

        SchemaStatus status = check.status();

        assertThat(status.ready()).as("the head's own marker (V76) serves the release before, and this pod: " + status.describe()).isTrue();
    }

    @Test
    void aNewerSchemaStillMissingOneOfThisPodsMigrationsWaits() throws SQLException {
        flyway().migrate();
        laterRelease("999", "kubezap-compatible-from: 1");
        sql("update flyway_schema_history set success = false where version = '" + newestScript() + "'");

        SchemaStatus status = check.status();

        assertThat(status.ready()).isFalse();
        assertThat(status.describe()).startsWith("waiting for the database schema");
    }

    /**
     * The pod's own runner (the migrate command, local mode) hands Flyway the packaged listing: afterMigrate.sql's
     * script configuration comes with it, so the callback runs outside a transaction and commits each change on its
     * own (issue 71); run in a transaction, its commits would fail the migrate.
     */
    @Test
    void thePodsRunnerAppliesTheRowSecurityCallbackChangeByChange() throws SQLException {
        SchemaMigrator migrator = new SchemaMigrator(database, new PackagedMigrations());

        assertThat(migrator.migrate().migrationsExecuted).isPositive();
        assertThat(migrator.migrate().migrationsExecuted).isZero();

        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             var events = statement.executeQuery("select relforcerowsecurity, (select count(*) from pg_policies where tablename = 'events' and policyname in ('kubezap_owner', 'kubezap_tenant'))"
                     + " from pg_class where relname = 'events' and relnamespace = 'public'::regnamespace")) {
            assertThat(events.next()).isTrue();
            assertThat(events.getBoolean(1)).as("events: row-level security forced").isTrue();
            assertThat(events.getInt(2)).as("events: the owner's and the tenant's policies").isEqualTo(2);
        }
    }

    /** A migration of a later release, applied, with the history comment it leaves ("unchanged": the head's own). */
    private static void laterRelease(String version, String historyComment) throws SQLException {
        sql("""
                insert into flyway_schema_history
                    (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)
                values (999, '%s', 'from a later release', 'SQL', 'V%s__from_a_later_release.sql', 0, 'postgres', 1, true)"""
                .formatted(version, version));
        if (!"unchanged".equals(historyComment)) {
            sql("comment on table flyway_schema_history is " + (historyComment == null ? "null" : "'" + historyComment + "'"));
        }
    }

    @Test
    void anUnreachableDatabaseSaysWhy() {
        PGSimpleDataSource closed = new PGSimpleDataSource();
        closed.setURL("jdbc:postgresql://127.0.0.1:9/postgres");
        closed.setConnectTimeout(2);

        SchemaStatus status = new SchemaCheck(closed, new PackagedMigrations()).status();

        assertThat(status.state()).isEqualTo(SchemaStatus.State.UNREACHABLE);
        assertThat(status.describe()).startsWith("cannot read the database schema: ").contains("Connection refused");
    }

    @Test
    void versionsCompareAsFlywayOrdersThem() {
        assertThat(SchemaVersion.parse("10").compareTo(SchemaVersion.parse("9"))).isPositive();
        assertThat(SchemaVersion.ofScript("V1_2__x.sql")).isEqualTo(SchemaVersion.parse("1.2.0")).hasToString("1.2");
        assertThat(SchemaVersion.parse("1.10").compareTo(SchemaVersion.parse("1.9"))).isPositive();
    }

    private static Flyway flyway() {
        return Flyway.configure().dataSource(database).locations("classpath:" + SessionSchema.MIGRATIONS).load();
    }

    /** The newest script as Flyway resolves it from the class path (not from the pod's listing). */
    private static String newestScript() {
        return Arrays.stream(flyway().info().all()).filter(m -> m.getState().isResolved()).map(MigrationInfo::getVersion).max(Comparable::compareTo).orElseThrow().getVersion();
    }

    private static void sql(String statements) throws SQLException {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(statements);
        }
    }
}
