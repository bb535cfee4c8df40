package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database side of the chart: the connection budget (operator.maxSessions × session.databasePoolMax +
 * database.reservedConnections + 3 superuser-reserved) sizes the bundled server and refuses what cannot fit; the
 * release's migration Job; PgBouncer in front of the bundled server.
 */
class DatabaseBudgetTest {

    private final KubezapChart chart = KubezapChart.inModule();

    /**
     * Issue 50, part 4: a server is never sized for every session's connections. With the defaults (500 sessions) the
     * sessions' direct budget is already above postgresql.pooler.autoAbove (500), so they go through PgBouncer and the
     * server holds the pooler's connections; at 10,000 sessions it still does (the chart computed 30,013 before).
     */
    @Test
    void sessionsBeyondADirectBudgetOf500GoThroughThePoolerAndTheServerStaysSmall() {
        Manifests defaults = chart.render();
        assertThat(postgresArgs(defaults)).containsExactly("-c", "max_connections=63"); // 50 + 10 + 3
        assertThat(defaults.one(Secret.class).getStringData()).containsKey("session-jdbc-uri");
        assertThat(defaults.operatorEnv()).containsEntry("KUBEZAP_SESSION_DATABASE_POOL_MAX", "3");

        Manifests tenThousand = chart.render(Map.of("operator.maxSessions", 10_000));
        assertThat(postgresArgs(tenThousand)).containsExactly("-c", "max_connections=63");
        assertThat(tenThousand.one(ConfigMap.class, "kubezap-pgbouncer").getData().get("pgbouncer.ini"))
                .contains("max_client_conn = 40010") // 10,000 roles × their limit of 4, + the reserve
                .contains("max_db_connections = 50");
    }

    /** Reached directly, the server must hold every session role's CONNECTION LIMIT (pool + 1), not only the pools. */
    @Test
    void aSmallFleetReachesTheServerDirectlyWithEveryRolesConnectionLimitInTheBudget() {
        Manifests hundred = chart.render(Map.of("operator.maxSessions", 100));
        assertThat(postgresArgs(hundred)).containsExactly("-c", "max_connections=413"); // 100 × (3 + 1) + 10 + 3
        assertThat(hundred.all(Deployment.class)).noneMatch(deployment -> deployment.getMetadata().getName().endsWith("pgbouncer"));
        assertThat(hundred.one(Secret.class).getStringData()).doesNotContainKey("session-jdbc-uri");

        Manifests twoEach = chart.render(Map.of("operator.maxSessions", 120, "session.databasePoolMax", 2));
        assertThat(postgresArgs(twoEach)).containsExactly("-c", "max_connections=373"); // 120 × 3 + 13
        assertThat(twoEach.operatorEnv()).containsEntry("KUBEZAP_SESSION_DATABASE_POOL_MAX", "2");
    }

    @Test
    void withoutThePoolerABudgetAbove500IsRefusedUnlessMaxConnectionsIsSetByHand() {
        assertThatThrownBy(() -> chart.render(Map.of("postgresql.pooler.enabled", false, "operator.maxSessions", 10_000)))
                .hasMessageContaining("operator.maxSessions (10000) × (session.databasePoolMax (3) + 1, each session role's CONNECTION LIMIT) + database.reservedConnections (10) + 3 superuser-reserved = 40013")
                .hasMessageContaining("more than postgresql.pooler.autoAbove (500)");

        assertThat(postgresArgs(chart.render(Map.of("postgresql.pooler.enabled", false, "postgresql.bundled.maxConnections", 2100))))
                .containsExactly("-c", "max_connections=2100");
    }

    @Test
    void aBundledMaxConnectionsThatCannotHoldTheBudgetIsRefusedWithTheArithmetic() {
        assertThatThrownBy(() -> chart.render(Map.of("postgresql.pooler.enabled", false, "postgresql.bundled.maxConnections", 2000)))
                .hasMessageContaining("postgresql.bundled.maxConnections=2000 cannot hold the connection budget")
                .hasMessageContaining("operator.maxSessions (500) × (session.databasePoolMax (3) + 1, each session role's CONNECTION LIMIT) + database.reservedConnections (10) + 3 superuser-reserved = 2013");
        assertThatThrownBy(() -> chart.render(Map.of("postgresql.bundled.maxConnections", 50)))
                .hasMessageContaining("postgresql.pooler.serverConnections (50) × postgresql.pooler.replicas (1) + database.reservedConnections (10) + 3 superuser-reserved = 63");
    }

    @Test
    void anExternalServerDeclaredTooSmallIsRefused() {
        assertThatThrownBy(() -> chart.render(Map.of("postgresql.bundled.enabled", false,
                "postgresql.external.secretName", "pg-app", "postgresql.external.maxConnections", 100)))
                .hasMessageContaining("postgresql.external.maxConnections=100 cannot hold the connection budget");

        assertThat(chart.render(Map.of("postgresql.bundled.enabled", false, "postgresql.external.secretName", "pg-app",
                "postgresql.external.maxConnections", 100, "operator.maxSessions", 20)).operatorEnv())
                .containsEntry("KUBEZAP_MAX_SESSIONS", "20");
    }

    @Test
    void aPoolSizeOutsideItsRangeIsRejectedByTheSchema() {
        assertThatThrownBy(() -> chart.render(Map.of("session.databasePoolMax", 0)))
                .hasMessageContaining("databasePoolMax");
    }

    @TempDir
    Path workDir;

    @Test
    void migrationsRunOncePerReleaseAsAHookJobWithTheSessionImageAndTheAdminCredential() throws IOException {
        assertThat(chart.render().all(Job.class)).as("a hook, not part of the release manifest").isEmpty();
        assertThat(Files.readString(chart.file("templates/migration-job.yaml")))
                .contains("\"helm.sh/hook\": {{ $run.hook }}")
                .contains("\"helm.sh/hook-delete-policy\": before-hook-creation");
        KubezapChart hooks = chart.withHooksAsObjects(workDir);
        Job job = hooks.render().one(Job.class, "kubezap-migrate");

        Container migrate = job.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(migrate.getImage()).startsWith("ghcr.io/kubezap/session-pod:");
        assertThat(migrate.getArgs()).containsExactly("migrate");
        assertThat(secretRefs(migrate)).containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "kubezap-postgresql/jdbc-uri")
                .containsEntry("QUARKUS_DATASOURCE_USERNAME", "kubezap-postgresql/username")
                .containsEntry("QUARKUS_DATASOURCE_PASSWORD", "kubezap-postgresql/password")
                // lets the gateway's read-only role log in with its own password
                .containsEntry("KUBEZAP_GATEWAY_DATABASE_PASSWORD", "kubezap-gateway-database/password");
        assertThat(migrate.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();

        Job external = hooks.render(chart.file("ci/external-postgresql-values.yaml")).one(Job.class, "kubezap-migrate");
        assertThat(secretRefs(external.getSpec().getTemplate().getSpec().getContainers().getFirst()))
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "kubezap-db-app/jdbc-uri");
        assertThat(hooks.render(Map.of("database.migrations.enabled", false)).all(Job.class)).isEmpty();
    }

    /**
     * Issue 53, item 2: on an upgrade the schema is there before the operator rolls the session pods to the new image
     * (a post-upgrade hook ran only after the release's objects, and after {@code --wait}, which new pods waiting on
     * their schema never satisfied).
     */
    @Test
    void onAnUpgradeTheMigrationsRunBeforeTheReleaseRollsItsPods() throws IOException {
        Manifests withHooks = chart.withHooksAnnotated(workDir).render();
        Map<String, String> hookOf = withHooks.all(Job.class).stream().collect(java.util.stream.Collectors.toMap(
                job -> job.getMetadata().getName(), job -> job.getMetadata().getAnnotations().get(KubezapChart.HOOK)));
        assertThat(hookOf).containsEntry("kubezap-migrate-pre-upgrade", "pre-upgrade")
                .containsEntry("kubezap-migrate", "post-install,post-upgrade");

        Job before = chart.withHooksAsObjects(workDir).render().one(Job.class, "kubezap-migrate-pre-upgrade");
        Container migrate = before.getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(migrate.getArgs()).containsExactly("migrate");
        assertThat(secretRefs(migrate)).containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "kubezap-postgresql/jdbc-uri");
        assertThat(migrate.getEnv()).filteredOn(env -> env.getName().equals("KUBEZAP_GATEWAY_DATABASE_PASSWORD"))
                .singleElement().satisfies(env -> assertThat(env.getValueFrom().getSecretKeyRef().getOptional())
                        .as("the upgrade that enables the gateway creates its Secret after this hook").isTrue());
    }

    /**
     * Issue 53, item 1: {@code helm rollback} by one release runs Helm's rollback hooks only, so no migration Job runs:
     * the schema stays the newer one, and the previous release's session pods, which the restored operator starts on
     * their own image, meet it through their schema gate (NEWER_COMPATIBLE while the schema still serves them:
     * session-pod SchemaMigrationIT). A rollback hook here would run the older image's runner against the newer schema.
     */
    @Test
    void aRollbackRunsNoMigrationAndLeavesTheNewerSchemaToThePodsGate() throws IOException {
        Manifests withHooks = chart.withHooksAnnotated(workDir).render();

        assertThat(withHooks.all(Job.class)).isNotEmpty().allSatisfy(job -> assertThat(job.getMetadata().getAnnotations().get(KubezapChart.HOOK))
                .as(job.getMetadata().getName()).doesNotContain("rollback"));
        Job before = chart.withHooksAsObjects(workDir).render(Map.of("session.image.tag", "0.3.0"))
                .one(Job.class, "kubezap-migrate-pre-upgrade");
        assertThat(before.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
                .as("an upgrade migrates with the new release's session image, whose migrations its pods expect")
                .isEqualTo(chart.render(Map.of("session.image.tag", "0.3.0")).operatorEnv().get("KUBEZAP_SESSION_IMAGE"));
    }

    @Test
    void thePoolerSitsBetweenSessionsAndTheServerInTransactionMode() {
        Manifests manifests = chart.render(Map.of("postgresql.pooler.enabled", true));

        Deployment pgbouncer = manifests.one(Deployment.class, "kubezap-pgbouncer");
        assertThat(pgbouncer.getSpec().getTemplate().getSpec().getContainers().getFirst().getCommand())
                .containsExactly("pgbouncer", "/etc/pgbouncer/pgbouncer.ini");
        assertThat(manifests.one(Service.class, "kubezap-pgbouncer").getSpec().getPorts())
                .singleElement().satisfies(port -> assertThat(port.getPort()).isEqualTo(5432));
        String ini = manifests.one(ConfigMap.class, "kubezap-pgbouncer").getData().get("pgbouncer.ini");
        assertThat(ini).contains("pool_mode = transaction")
                .contains("max_client_conn = 2010") // every session role's limit, plus the reserve
                // a namespace's pool stops at its share: PgBouncer closes no other namespace's connection for it in vain
                .contains("default_pool_size = 10")
                .contains("kubezap = host=kubezap-postgresql.kubezap-system.svc port=5432 dbname=kubezap auth_user=kubezap")
                .contains("auth_query = SELECT usename, passwd FROM pg_shadow WHERE usename = $1")
                // a tenant logging in with its namespace's credentials gets its share of the pooler, not the others'
                .contains("max_user_connections = 10").contains("max_user_client_connections = 400")
                // the sessions' prepared statements, kept per server connection: the URL below does not turn them off
                .contains("max_prepared_statements = 200")
                .contains("\nkubezap = max_user_connections=50 max_user_client_connections=0");
        assertThat(postgresArgs(manifests)).as("the server holds the pooler's connections, not every session's")
                .containsExactly("-c", "max_connections=63");
        Secret admin = manifests.one(Secret.class);
        assertThat(admin.getStringData())
                .containsEntry("session-jdbc-uri", "jdbc:postgresql://kubezap-pgbouncer.kubezap-system.svc:5432/kubezap")
                .containsEntry("jdbc-uri", "jdbc:postgresql://kubezap-postgresql.kubezap-system.svc:5432/kubezap");
        assertThat(admin.getStringData().get("pgbouncer-userlist.txt"))
                .isEqualTo("\"kubezap\" \"" + admin.getStringData().get("password") + "\"");
    }

    @Test
    void thePoolerNeedsTheBundledServerAndItsGeneratedSecret() {
        assertThatThrownBy(() -> chart.render(Map.of("postgresql.pooler.enabled", true, "postgresql.bundled.enabled", false,
                "postgresql.external.secretName", "pg-app")))
                .hasMessageContaining("session-jdbc-uri");
        assertThatThrownBy(() -> chart.render(Map.of("postgresql.pooler.enabled", true,
                "postgresql.bundled.existingSecret", "from-vault")))
                .hasMessageContaining("unset postgresql.bundled.existingSecret");
        assertThatThrownBy(() -> chart.render(Map.of("postgresql.bundled.existingSecret", "from-vault")))
                .as("auto cannot start PgBouncer without the generated Secret, and 500 sessions need 2013 connections directly")
                .hasMessageContaining("more than postgresql.pooler.autoAbove (500)");
    }

    /** The server's first setting, its max_connections (the next, pg_hba's file: BundledPostgresqlTest). */
    private static List<String> postgresArgs(Manifests manifests) {
        return manifests.one(StatefulSet.class).getSpec().getTemplate().getSpec().getContainers().getFirst().getArgs().subList(0, 2);
    }

    private static Map<String, String> secretRefs(Container container) {
        return container.getEnv().stream().filter(var -> var.getValueFrom() != null)
                .collect(Collectors.toMap(EnvVar::getName, var -> var.getValueFrom().getSecretKeyRef().getName()
                        + "/" + var.getValueFrom().getSecretKeyRef().getKey()));
    }
}
