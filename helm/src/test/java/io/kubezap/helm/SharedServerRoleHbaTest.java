package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 82, record 0020: the bundled server as the chart renders it with postgresql.pooler.sharedServerRole (its
 * pg_hba, its TLS certificate and key, the CA) admits the shared role kubezap_pooled with the client certificate the
 * chart gives PgBouncer and with nothing else, not with a password a tenant set on the role nor through the loopback
 * trust the image's lines keep, while a namespace's role still logs in with its password. On a real PostgreSQL; the
 * certificate login is made with the machine's psql (skipped without it, failed under CI).
 */
class SharedServerRoleHbaTest {

    private static final String ROLE = "kubezap_pooled";
    private static final String TENANT = "kubezap_n_tenant";

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void theSharedRoleLogsInByThePoolersCertificateOnly(@TempDir Path directory) throws IOException, SQLException, InterruptedException {
        Path psql = OnThePath.required("psql", "postgresql-client");
        Manifests manifests = chart.render(Map.of("postgresql.pooler.enabled", true, "postgresql.pooler.sharedServerRole", true));
        Path hba = Files.writeString(directory.resolve("pg_hba.conf"),
                manifests.one(ConfigMap.class, "kubezap-postgresql-config").getData().get("pg_hba.conf"));
        Map<String, String> server = manifests.one(Secret.class, "kubezap-postgresql-tls").getStringData();
        Map<String, String> client = manifests.one(Secret.class, "kubezap-pgbouncer-client-tls").getStringData();
        Path ca = owned(directory.resolve("ca.crt"), server.get("ca.crt"));
        Path serverCertificate = owned(directory.resolve("server.crt"), server.get("tls.crt"));
        Path serverKey = owned(directory.resolve("server.key"), server.get("tls.key"));
        Path clientCertificate = owned(directory.resolve("client.crt"), client.get("tls.crt"));
        Path clientKey = owned(directory.resolve("client.key"), client.get("tls.key"));

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("hba_file", hba.toString())
                .setServerConfig("ssl", "on").setServerConfig("ssl_ca_file", ca.toString())
                .setServerConfig("ssl_cert_file", serverCertificate.toString())
                .setServerConfig("ssl_key_file", serverKey.toString()).start()) {
            String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/kubezap";
            try (Connection superuser = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres.getPort()
                    + "/postgres", "postgres", ""); Statement setUp = superuser.createStatement()) {
                setUp.execute("create database kubezap");
                setUp.execute("create role kubezap_session nologin");
                setUp.execute("create role " + ROLE + " login in role kubezap_session");
                setUp.execute("create role " + TENANT + " login password 'tenant-password' in role kubezap_session");
                // as a tenant can behind the pooler, where its SQL runs as the role (record 0020)
                setUp.execute("alter role " + ROLE + " password 'set-by-a-tenant'");
            }
            DriverManager.getConnection(url, TENANT, "tenant-password").close(); // a namespace's role as before

            for (String sslMode : List.of("disable", "require")) {
                assertThatThrownBy(() -> DriverManager.getConnection(url + "?sslmode=" + sslMode, ROLE, "set-by-a-tenant").close())
                        .as("with the password a tenant set, sslmode " + sslMode)
                        .hasMessageMatching("(?s).*(pg_hba.conf rejects connection|requires a valid client certificate|certificate authentication failed).*");
            }
            assertThat(psql(psql, directory, postgres.getPort(), "sslmode=disable")).as("the loopback's trust line")
                    .contains("pg_hba.conf rejects connection");
            assertThat(psql(psql, directory, postgres.getPort(), "sslmode=verify-ca sslrootcert=" + ca + " sslcert="
                    + clientCertificate + " sslkey=" + clientKey)).as("PgBouncer's client certificate").isEqualTo(ROLE);
        }
    }

    private static Path owned(Path file, String content) throws IOException {
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static String psql(Path psql, Path directory, int port, String ssl) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(psql.toString(), "-XAtw", "-c", "select session_user",
                "host=127.0.0.1 port=" + port + " dbname=kubezap user=" + ROLE + " " + ssl)
                .directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).strip();
        process.waitFor();
        return output;
    }
}
