package io.kubezap.system;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.schema.GatewayLogin;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** PostgreSQL as the chart sets it up: the admin Secret the operator reads, and the schema its hook Job migrates. */
final class ClusterDatabase {

    static final String SECRET = "kubezap-postgresql";
    /** What the chart generates into {@code <release>-gateway-database} and hands the migration Job and the gateway. */
    static final String GATEWAY_PASSWORD = "the-gateways-own-password";

    private ClusterDatabase() {
    }

    /** What the chart creates at install: the database Secret in the operator's namespace. */
    static void secret(KubernetesClient client, EmbeddedPostgres postgres) {
        client.resource(new SecretBuilder()
                .withNewMetadata().withName(SECRET).withNamespace(MockCluster.OPERATOR_NAMESPACE).endMetadata()
                .withType("Opaque")
                .withStringData(Map.of("jdbc-uri", postgres.getJdbcUrl("postgres", "postgres"),
                        "username", "postgres", "password", "postgres"))
                .build()).create();
    }

    /**
     * The chart's post-install hook Job (helm/kubezap/templates/migration-job.yaml): the session-pod image's
     * {@code migrate} command with the admin credential, and the gateway's password so that its role may log in.
     * Helm, not the operator, runs it, so the suite stands in.
     */
    static void migrateLikeTheChartsHookJob(EmbeddedPostgres postgres, Path workDir) throws IOException, InterruptedException {
        Path dataDir = Files.createDirectories(workDir.resolve("migrate"));
        ProcessBuilder migrate = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + dataDir, "-jar", Path.of(System.getProperty("kubezap.sessionPodJar")).toAbsolutePath().toString(),
                "migrate")
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("migrate.log").toFile());
        migrate.environment().put("QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"));
        migrate.environment().put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        migrate.environment().put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        migrate.environment().put(GatewayLogin.PASSWORD_ENVIRONMENT, GATEWAY_PASSWORD);
        migrate.environment().put("KUBEZAP_DATA_DIR", dataDir.toString());
        // free ports: on a machine running other suites a fixed 8080/9000 may be taken, and the Job serves nothing
        migrate.environment().put("QUARKUS_HTTP_PORT", "0");
        migrate.environment().put("QUARKUS_MANAGEMENT_PORT", "0");
        Process process = migrate.start();
        if (!process.waitFor(3, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("the migration Job failed, see " + workDir.resolve("migrate.log"));
        }
    }
}
