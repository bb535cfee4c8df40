package io.kubezap.system;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.simulator.SimulatorSettings;
import io.kubezap.simulator.WaSimulator;
import io.kubezap.system.node.NodeStandIn;
import io.kubezap.testing.apiserver.RealApiServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chart installed and upgraded by Helm on a real cluster, its hook Jobs run as the chart defines them: the
 * kube-controller-manager's job controller makes each Job's pod, the node stand-in runs its container (the session-pod
 * image's {@code migrate}, with the environment the chart gives it from the Secrets the server holds) against
 * PostgreSQL, and the job controller's verdict is what Helm waits for. Skips without the binaries
 * (KUBEZAP_KUBE_APISERVER, KUBEZAP_ETCD, KUBEZAP_KUBE_CONTROLLER_MANAGER).
 */
class RealChartHooksIT {

    private static final Path CHART = Path.of(System.getProperty("kubezap.repositoryRoot", "..")).resolve("helm/kubezap")
            .toAbsolutePath().normalize();
    private static final String MIGRATE = RenderedChart.RELEASE + "-migrate";
    private static final String MIGRATE_PRE_UPGRADE = RenderedChart.RELEASE + "-migrate-pre-upgrade";

    @Test
    void theInstallMigratesTheSchemaAndAnUpgradeMigratesBeforeAndAfter(@TempDir Path work) throws Exception {
        try (RealApiServer server = RealApiServer.start();
             EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             WaSimulator simulator = WaSimulator.start(SimulatorSettings.ephemeral(work.resolve("truststore.p12")));
             NodeStandIn node = joinedNode(server, work, simulator)) {
            KubernetesClient admin = server.admin();
            databaseSecret(admin, postgres);

            Release installed = install(server);

            assertThat(installed.getStatus()).isEqualTo("deployed");
            Job postInstall = admin.batch().v1().jobs().inNamespace(RenderedChart.NAMESPACE).withName(MIGRATE).get();
            assertThat(postInstall.getStatus().getSucceeded()).as("the post-install Job, as the job controller counts it")
                    .isEqualTo(1);
            assertThat(appliedMigrations(postgres)).as("migrations the Job applied").isPositive();
            assertThat(gatewayCanLogIn(admin, postgres)).as("the gateway's role logs in with the chart's generated password")
                    .isTrue();

            Release upgraded = new Helm(CHART).upgrade().withName(RenderedChart.RELEASE)
                    .withNamespace(RenderedChart.NAMESPACE).withKubeConfig(server.adminKubeconfig())
                    .reuseValues().set("operator.replicas", "2").withTimeout(300).call();

            assertThat(upgraded.getStatus()).isEqualTo("deployed");
            Job preUpgrade = admin.batch().v1().jobs().inNamespace(RenderedChart.NAMESPACE).withName(MIGRATE_PRE_UPGRADE).get();
            Job postUpgrade = admin.batch().v1().jobs().inNamespace(RenderedChart.NAMESPACE).withName(MIGRATE).get();
            assertThat(preUpgrade.getStatus().getSucceeded()).as("the pre-upgrade Job").isEqualTo(1);
            assertThat(postUpgrade.getMetadata().getUid()).as("the post-upgrade Job is a new one")
                    .isNotEqualTo(postInstall.getMetadata().getUid());
            assertThat(postUpgrade.getStatus().getSucceeded()).as("the post-upgrade Job").isEqualTo(1);
            assertThat(Instant.parse(preUpgrade.getStatus().getCompletionTime()))
                    .as("the pre-upgrade migration finished before the post-upgrade one started")
                    .isBeforeOrEqualTo(Instant.parse(postUpgrade.getStatus().getStartTime()));
        }
    }

    /**
     * A migration that cannot connect (its Secret names a database the server does not have) fails its Job, and with
     * it the install: Helm does not report a release deployed.
     */
    @Test
    void aMigrationThatFailsFailsTheInstall(@TempDir Path work) throws Exception {
        try (RealApiServer server = RealApiServer.start();
             EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
             WaSimulator simulator = WaSimulator.start(SimulatorSettings.ephemeral(work.resolve("truststore.p12")));
             NodeStandIn node = joinedNode(server, work, simulator)) {
            KubernetesClient admin = server.admin();
            databaseSecret(admin, postgres);
            admin.secrets().inNamespace(RenderedChart.NAMESPACE).withName(ClusterDatabase.SECRET).edit(secret -> {
                secret.getData().put("jdbc-uri", Base64.getEncoder().encodeToString(
                        postgres.getJdbcUrl("postgres", "no_such_database").getBytes()));
                return secret;
            });

            assertThatThrownBy(() -> install(server))
                    .as("helm install with a migration that cannot connect")
                    .hasMessageContaining(MIGRATE).hasMessageContaining("failed");

            Job job = admin.batch().v1().jobs().inNamespace(RenderedChart.NAMESPACE).withName(MIGRATE).get();
            assertThat(job.getStatus().getFailed()).as("the Job's failed pods, as the job controller counts them")
                    .isEqualTo(1);
            assertThat(appliedMigrations(postgres)).as("nothing was migrated").isZero();
        }
    }

    private static NodeStandIn joinedNode(RealApiServer server, Path work, WaSimulator simulator) throws Exception {
        server.startControllerManager();
        return NodeStandIn.join(server.admin(), work.resolve("node"), SessionPodImages.of(
                Path.of(System.getProperty("kubezap.repositoryRoot", "..")), simulator));
    }

    /** The external database's Secret, made before the release as its users do (docs: postgresql.external). */
    private static void databaseSecret(KubernetesClient admin, EmbeddedPostgres postgres) {
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(RenderedChart.NAMESPACE)
                .endMetadata().build()).create();
        ClusterDatabase.secret(admin, postgres);
    }

    private static Release install(RealApiServer server) {
        return new Helm(CHART).install().withName(RenderedChart.RELEASE).withNamespace(RenderedChart.NAMESPACE)
                .withKubeConfig(server.adminKubeconfig())
                .set("postgresql.bundled.enabled", "false").set("postgresql.external.secretName", ClusterDatabase.SECRET)
                // one try, so that a failing migration fails the install at once rather than after the back-off
                .set("database.migrations.backoffLimit", "0")
                .withTimeout(300).call();
    }

    private static int appliedMigrations(EmbeddedPostgres postgres) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             ResultSet tables = connection.createStatement().executeQuery(
                     "select count(*) from information_schema.tables where table_name = 'flyway_schema_history'")) {
            tables.next();
            if (tables.getInt(1) == 0) {
                return 0;
            }
            try (ResultSet applied = connection.createStatement().executeQuery(
                    "select count(*) from flyway_schema_history where success")) {
                applied.next();
                return applied.getInt(1);
            }
        }
    }

    private static boolean gatewayCanLogIn(KubernetesClient admin, EmbeddedPostgres postgres) throws Exception {
        var secret = admin.secrets().inNamespace(RenderedChart.NAMESPACE).withName(RenderedChart.RELEASE + "-gateway-database").get();
        String password = new String(Base64.getDecoder().decode(secret.getData().get("password")));
        try (Connection connection = DriverManager.getConnection(postgres.getJdbcUrl("postgres", "postgres"),
                "kubezap_gateway", password)) {
            return connection.isValid(5);
        }
    }
}
