package io.kubezap.schema;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 53, item 1: the previous release's session pods on this release's schema, as after {@code helm rollback} by
 * one release. Its SQL ({@link PreviousRelease}) runs, as a session role under row-level security, on a database
 * migrated to the head: every insert succeeds, every select reads the row back. Real PostgreSQL (embedded).
 */
class PreviousReleaseOnTheNewSchemaTest {

    private static final String ROLE = "previous_release_session";
    private static final Pattern SELECT = Pattern.compile("^select (.*) from (\\w+)$", Pattern.DOTALL);

    private static EmbeddedPostgres server;

    @TempDir
    Path scratch;

    @BeforeAll
    static void start() throws IOException {
        server = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Test
    void thePreviousReleaseWritesAndReadsTheHead() throws Exception {
        String database = migrated("head", null);

        assertThat(runPreviousRelease(database)).as("the previous release's statements that fail on the head").isEmpty();
    }

    @Test
    void theFixtureIsThePreviousReleasesWholeSchema() throws Exception {
        String database = migrated("previous", PreviousRelease.schema());
        Map<String, Set<String>> fixture = selectedColumns();
        Set<String> contracted = new HashSet<>();
        ContractingMigrationsTest.CONTRACTED.values().forEach(contracted::addAll);

        try (Connection admin = admin(database)) {
            columns(admin).forEach((table, columns) -> {
                Set<String> expected = new LinkedHashSet<>(columns);
                expected.removeIf(column -> contracted.contains(table + "." + column));
                assertThat(fixture.get(table)).as("the previous release's columns of " + table).isEqualTo(expected);
            });
        }
    }

    /** What the test is for: a migration that takes what the previous release uses makes it fail, naming it. */
    @Test
    void aMigrationThatContractsBreaksThePreviousRelease() throws Exception {
        Files.writeString(scratch.resolve("V9999__contract.sql"), """
                alter table calls drop column video;
                alter table contacts add column region text not null;
                alter table labels rename column name to title;
                alter table chats drop constraint chats_pkey;""");
        String database = migrated("contracted", null);

        List<String> failures = runPreviousRelease(database);

        assertThat(failures).as("insert and select of calls, of labels; the insert of contacts and the upsert of chats (so their selects find nothing)")
                .hasSize(8);
        assertThat(failures).filteredOn(failure -> failure.endsWith("read nothing back")).hasSize(2)
                .anySatisfy(failure -> assertThat(failure).contains("from contacts")).anySatisfy(failure -> assertThat(failure).contains("from chats"));
        assertThat(failures).filteredOn(failure -> failure.contains("no unique or exclusion constraint matching the ON CONFLICT")).singleElement()
                .asString().startsWith("insert into chats");
        assertThat(failures).filteredOn(failure -> failure.contains("column \"video\"")).hasSize(2);
        assertThat(failures).filteredOn(failure -> failure.contains("\"region\"")).hasSize(1);
        assertThat(failures).filteredOn(failure -> failure.contains("column \"name\"")).hasSize(2);
    }

    /**
     * Cutting a release: {@code -Dkubezap.release=0.2.0} writes this release's statements as the next one's fixture
     * ({@code -Dkubezap.release.schema=75}: from the schema up to that migration instead of the head).
     */
    @Test
    @EnabledIfSystemProperty(named = "kubezap.release", matches = ".+")
    void writeTheFixtureForTheNextRelease() throws Exception {
        String head = System.getProperty("kubezap.release.schema",
                String.valueOf(MigrationScripts.version(MigrationScripts.sql().getLast())));
        String database = migrated("release", head);
        try (Connection admin = admin(database)) {
            Files.writeString(Path.of("src/test/resources", PreviousRelease.STATEMENTS),
                    PreviousRelease.write(admin, System.getProperty("kubezap.release"), head));
        }
    }

    /** The statements that failed, each with PostgreSQL's reason; a select that finds nothing fails too. */
    private List<String> runPreviousRelease(String database) throws Exception {
        try (Connection admin = admin(database); Statement statement = admin.createStatement()) {
            statement.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + ROLE + "') then create role "
                    + ROLE + " login password 'previous' in role kubezap_session; end if; end $$");
            statement.execute("insert into session_roles (role_name, namespace, session) values ('" + ROLE + "', '"
                    + PreviousRelease.NAMESPACE + "', '" + PreviousRelease.SESSION + "')");
        }
        List<String> failures = new ArrayList<>();
        try (Connection session = DriverManager.getConnection(url(database), ROLE, "previous")) {
            for (String sql : PreviousRelease.statements()) {
                try (Statement statement = session.createStatement()) {
                    if (statement.execute(sql)) {
                        try (ResultSet rows = statement.getResultSet()) {
                            if (!rows.next()) {
                                failures.add(sql + ": read nothing back");
                            }
                        }
                    }
                } catch (SQLException e) {
                    failures.add(sql + ": " + e.getMessage());
                }
            }
        }
        return failures;
    }

    private static Map<String, Set<String>> selectedColumns() throws IOException {
        Map<String, Set<String>> selected = new LinkedHashMap<>();
        for (String sql : PreviousRelease.statements()) {
            Matcher select = SELECT.matcher(sql);
            if (select.matches()) {
                selected.put(select.group(2), new LinkedHashSet<>(List.of(select.group(1).split(",\\s*"))));
            }
        }
        return selected;
    }

    private static Map<String, List<String>> columns(Connection admin) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Statement statement = admin.createStatement(); ResultSet rows = statement.executeQuery("""
                select table_name, column_name from information_schema.columns
                where table_schema = current_schema() and table_name not in ('flyway_schema_history', 'session_roles')
                order by table_name, ordinal_position""")) {
            while (rows.next()) {
                tables.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(rows.getString(2));
            }
        }
        return tables;
    }

    /** A new database migrated as the release's Job does, up to {@code target} (null: the head, and any scratch script). */
    private String migrated(String name, String target) throws Exception {
        try (Connection admin = admin("postgres"); Statement statement = admin.createStatement()) {
            statement.execute("create database " + name);
        }
        var flyway = Flyway.configure().dataSource(url(name), "postgres", "postgres")
                .locations("classpath:" + SessionSchema.MIGRATIONS, "filesystem:" + scratch);
        if (target != null) {
            flyway.target(target);
        }
        flyway.load().migrate();
        return name;
    }

    private static Connection admin(String database) throws SQLException {
        return DriverManager.getConnection(url(database), "postgres", "postgres");
    }

    private static String url(String database) {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/" + database;
    }
}
