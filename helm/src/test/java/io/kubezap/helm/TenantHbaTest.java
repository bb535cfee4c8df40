package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 79, S1, the second wall: whatever a database's privileges (a server bootstrapped before the fix, a database
 * made later), the server's pg_hba refuses a tenant's namespace role (group kubezap_session) every database but
 * kubezap's, before a password is asked. The rules as the chart renders them, on a real PostgreSQL with PUBLIC's
 * default CONNECT everywhere. (The revokes, the first wall: the operator module's OtherDatabasesAttackTest.)
 */
class TenantHbaTest {

    private static final String TENANT = "kubezap_n_tenant";
    private static final String PASSWORD = "tenant-password";

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void theBundledServersRulesKeepATenantInKubezapsDatabase(@TempDir Path directory) throws IOException, SQLException {
        String rendered = chart.render().one(ConfigMap.class, "kubezap-postgresql-config").getData().get("pg_hba.conf");

        tryAsATenant(directory, rendered);
    }

    /**
     * CloudNativePG writes its fixed rules (its own users: local peer, streaming_replica and its pooler by certificate),
     * then the Cluster's {@code pg_hba}, then {@code host all all all scram-sha-256}. Here the fixed rules' stand-in
     * lets the test's superuser in.
     */
    @Test
    void theCloudNativePgClustersRulesKeepATenantInKubezapsDatabase(@TempDir Path directory) throws IOException, SQLException {
        GenericKubernetesResource cluster = chart.render(Map.of("postgresql.cloudnativepg.enabled", true))
                .all(GenericKubernetesResource.class).stream().filter(object -> object.getKind().equals("Cluster"))
                .findFirst().orElseThrow();
        List<String> rules = cluster.get("spec", "postgresql", "pg_hba");

        tryAsATenant(directory, String.join("\n", "local all all trust", "host all postgres all trust",
                String.join("\n", rules), "host all all all scram-sha-256", ""));
    }

    private static void tryAsATenant(Path directory, String hba) throws IOException, SQLException {
        Path file = Files.writeString(directory.resolve("pg_hba.conf"), hba);
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().setServerConfig("hba_file", file.toString()).start()) {
            try (Connection superuser = server.getPostgresDatabase().getConnection();
                 Statement setUp = superuser.createStatement()) {
                setUp.execute("create database kubezap");
                setUp.execute("create role kubezap_session nologin");
                setUp.execute("create role " + TENANT + " login password '" + PASSWORD + "' in role kubezap_session");
                setUp.execute("create role another_app login password 'another-password'");
            }
            String url = "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/";

            DriverManager.getConnection(url + "kubezap", TENANT, PASSWORD).close();
            assertThatThrownBy(() -> DriverManager.getConnection(url + "kubezap", TENANT, "guessed").close())
                    .hasMessageContaining("password authentication failed");
            for (String other : new String[]{"postgres", "template1"}) {
                // before the fix: logged in (CONNECT is PUBLIC's on both)
                assertThatThrownBy(() -> DriverManager.getConnection(url + other, TENANT, PASSWORD).close()).as(other)
                        .hasMessageContaining("pg_hba.conf rejects connection")
                        .hasMessageContaining("database \"" + other + "\"");
            }
            DriverManager.getConnection(url + "postgres", "another_app", "another-password").close(); // other roles as before
        }
    }
}
