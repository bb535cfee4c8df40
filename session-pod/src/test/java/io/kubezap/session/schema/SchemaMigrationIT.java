package io.kubezap.session.schema;

import io.kubezap.session.testing.PodProcess;
import io.restassured.RestAssured;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged session pod and its migration runner ({@code migrate}, what the chart's Job runs) on a real
 * PostgreSQL: a pod never migrates (outside local mode); it waits, not ready and saying why, until the runner has
 * applied its schema; a pod facing a schema newer than it knows refuses to start, unless that schema says it still
 * serves the pod's (expand/contract: the release before, after {@code helm rollback}).
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class SchemaMigrationIT {

    private static final long JVM_PATIENCE_SECONDS = 180;

    @TempDir
    Path dataDir;

    private EmbeddedPostgres postgres;
    private PodProcess pod;

    @BeforeEach
    void database() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterEach
    void stop() throws Exception {
        if (pod != null) {
            pod.close();
        }
        postgres.close();
    }

    @Test
    void aPodWaitsNotReadyForItsSchemaUntilTheMigrationRunnerHasAppliedIt() throws Exception {
        Path log = Path.of("target", "schema-it-waiting-pod.log");
        Files.deleteIfExists(log);
        Map<String, String> env = podEnvironment();
        env.put("QUARKUS_LOG_CONSOLE_JSON", "true");
        pod = PodProcess.start(List.of(), env, "schema-it-waiting-pod");
        await().atMost(Duration.ofSeconds(JVM_PATIENCE_SECONDS)).ignoreExceptions().untilAsserted(() ->
                assertThat(RestAssured.get(pod.managementUrl() + "/q/health/ready").then().extract().statusCode()).isEqualTo(503));
        var waiting = RestAssured.get(pod.managementUrl() + "/q/health/ready").then().extract().jsonPath();
        assertThat(waiting.getString("checks.find { it.name == 'database-schema' }.data.state")).isEqualTo("BEHIND");
        assertThat(waiting.getString("checks.find { it.name == 'database-schema' }.data.reason"))
                .contains("waiting for the database schema").contains("at version none");
        assertThat(appliedVersions()).as("the pod itself migrates nothing").isEmpty();
        assertThat(pod.isAlive()).isTrue();
        assertThat(Files.readAllLines(log)).as("the pod's JSON log lines saying it waits")
                .filteredOn(line -> line.startsWith("{") && line.contains("waiting for the database schema"))
                .isNotEmpty().map(SchemaMigrationIT::json).allSatisfy(line -> {
                    assertThat(line.path("namespace").asText()).isEqualTo("it");
                    assertThat(line.path("session").asText()).isEqualTo("schema-it");
                });
        var early = RestAssured.given().header("X-Api-Key", "schema-it-key-0123456789")
                .get(pod.baseUrl() + "/api/v1/sessions/schema-it/messages");
        early.then().statusCode(503).header("Retry-After", "5");
        assertThat(early.jsonPath().getString("type")).isEqualTo("https://kubezap.io/problems/database-unavailable");
        assertThat(early.jsonPath().getString("detail")).contains("waiting for the database schema");

        assertThat(PodProcess.migrate(postgres, "schema-it-runner", JVM_PATIENCE_SECONDS)).isZero();
        assertThat(appliedVersions()).contains("1", "10", "20");

        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
                assertThat(RestAssured.get(pod.managementUrl() + "/q/health/ready").then().extract().statusCode()).isEqualTo(200));
        RestAssured.given().header("X-Api-Key", "schema-it-key-0123456789")
                .get(pod.baseUrl() + "/api/v1/sessions/schema-it").then().statusCode(200);
        RestAssured.given().header("X-Api-Key", "schema-it-key-0123456789")
                .get(pod.baseUrl() + "/api/v1/sessions/schema-it/messages").then().statusCode(200);

        assertThat(PodProcess.migrate(postgres, "schema-it-runner-again", JVM_PATIENCE_SECONDS))
                .as("a second run (the next release, or a retried Job) finds nothing to do").isZero();
    }

    @Test
    void aPodRefusesToStartOnASchemaNewerThanItKnows() throws Exception {
        assertThat(PodProcess.migrate(postgres, "schema-it-runner-future", JVM_PATIENCE_SECONDS)).isZero();
        laterRelease("kubezap-compatible-from: 999");

        pod = PodProcess.start(List.of(), podEnvironment(), "schema-it-future-pod");

        var exit = pod.exitCode(JVM_PATIENCE_SECONDS);
        assertThat(exit).as("the pod ends by itself").isPresent();
        assertThat(exit.getAsInt()).as("with a failure exit code").isNotZero();
        assertThat(Files.readString(Path.of("target/schema-it-future-pod.log")))
                .contains("the database schema is at version 999, newer than this pod understands");
    }

    /**
     * Issue 53 item 1, what {@code helm rollback} by one release leaves: the newer release's migration Job has run (here
     * a V999 that only expanded, keeping the marker that serves this pod's schema), and this release's pod starts on
     * it, ready, and serves its API. Before the schema could say so, the pod exited as above.
     */
    @Test
    void aPodStartsOnANewerSchemaThatStillServesIt() throws Exception {
        assertThat(PodProcess.migrate(postgres, "schema-it-runner-rollback", JVM_PATIENCE_SECONDS)).isZero();
        String ownHead = appliedVersions().stream().max(java.util.Comparator.comparing(java.math.BigInteger::new)).orElseThrow();
        laterRelease("kubezap-compatible-from: " + ownHead);
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("alter table messages add column from_a_later_release text"); // what V999 expanded
        }

        assertThat(PodProcess.migrate(postgres, "schema-it-runner-older", JVM_PATIENCE_SECONDS))
                .as("this release's runner on the newer schema (helm upgrade back to this chart runs it): nothing to do, no failure")
                .isZero();
        assertThat(appliedVersions()).contains("999");

        pod = PodProcess.start(List.of(), podEnvironment(), "schema-it-rollback-pod");

        awaitReady();
        var ready = RestAssured.get(pod.managementUrl() + "/q/health/ready").then().extract().jsonPath();
        assertThat(ready.getString("checks.find { it.name == 'database-schema' }.data.state")).isEqualTo("NEWER_COMPATIBLE");
        RestAssured.given().header("X-Api-Key", "schema-it-key-0123456789")
                .get(pod.baseUrl() + "/api/v1/sessions/schema-it/messages").then().statusCode(200);
        assertThat(Files.readString(Path.of("target/schema-it-rollback-pod.log")))
                .contains("database schema at version 999, newer than this pod's " + ownHead + " and still serving it");
    }

    /** A migration of a later release, applied, and the compatibility marker it leaves on the history. */
    private void laterRelease(String marker) throws SQLException {
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("""
                    insert into flyway_schema_history
                        (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)
                    values (999, '999', 'from a later release', 'SQL', 'V999__from_a_later_release.sql', 0, 'postgres', 1, true)""");
            statement.execute("comment on table flyway_schema_history is '" + marker + "'");
        }
    }

    /**
     * Local mode and KUBEZAP_SCHEMA_MIGRATE_AT_START: a pod migrates a schema that is behind, and on a schema that is
     * already current it starts without running Flyway at all (validating every script took ~0.25 s of each start).
     */
    @Test
    void aPodThatMigratesAtStartRunsFlywayOnlyWhenTheSchemaIsBehind() throws Exception {
        Map<String, String> env = podEnvironment();
        env.put("KUBEZAP_SCHEMA_MIGRATE_AT_START", "true");
        Files.deleteIfExists(Path.of("target/schema-it-first-start.log")); // PodProcess appends
        Files.deleteIfExists(Path.of("target/schema-it-restart.log"));

        pod = PodProcess.start(List.of(), env, "schema-it-first-start");
        awaitReady();
        assertThat(appliedVersions()).contains("1", "10", "20");
        pod.close();

        pod = PodProcess.start(List.of(), env, "schema-it-restart");
        awaitReady();
        RestAssured.given().header("X-Api-Key", "schema-it-key-0123456789")
                .get(pod.baseUrl() + "/api/v1/sessions/schema-it").then().statusCode(200);
        RestAssured.given().header("X-Api-Key", "schema-it-key-0123456789")
                .get(pod.baseUrl() + "/api/v1/sessions/schema-it/messages").then().statusCode(200);
        assertThat(Files.readString(Path.of("target/schema-it-first-start.log"))).contains("org.flywaydb");
        assertThat(Files.readString(Path.of("target/schema-it-restart.log"))).doesNotContain("org.flywaydb")
                .contains("database schema at version");
    }

    private void awaitReady() {
        await().atMost(Duration.ofSeconds(JVM_PATIENCE_SECONDS)).ignoreExceptions().untilAsserted(() ->
                assertThat(RestAssured.get(pod.managementUrl() + "/q/health/ready").then().extract().statusCode()).isEqualTo(200));
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String line) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
        } catch (IOException notJson) {
            throw new IllegalStateException(line, notJson);
        }
    }

    private Map<String, String> podEnvironment() {
        Map<String, String> env = new HashMap<>(PodProcess.environment("schema-it", "it", "schema-it-key-0123456789",
                dataDir.resolve("keys"), postgres));
        env.remove("KUBEZAP_SCHEMA_MIGRATE_AT_START");
        env.put("KUBEZAP_SCHEMA_RECHECK_INTERVAL", "1s");
        // no WhatsApp here: the engine would only retry a closed port
        env.put("JAVA_TOOL_OPTIONS", "-Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=" + PodProcess.freePort()
                + " -Dhttp.nonProxyHosts=127.0.0.1|localhost");
        return env;
    }

    private List<String> appliedVersions() throws SQLException {
        try (Connection admin = postgres.getPostgresDatabase().getConnection(); Statement statement = admin.createStatement();
             ResultSet rows = statement.executeQuery("select version from flyway_schema_history where success and version is not null")) {
            var versions = new java.util.ArrayList<String>();
            while (rows.next()) {
                versions.add(rows.getString(1));
            }
            return versions;
        } catch (SQLException noHistoryYet) {
            if (noHistoryYet.getMessage().contains("does not exist")) {
                return List.of();
            }
            throw noHistoryYet;
        }
    }
}
