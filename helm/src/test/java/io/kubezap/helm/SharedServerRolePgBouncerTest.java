package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.kubezap.schema.PooledServerLogin;
import io.kubezap.schema.SessionSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 82, record 0020: the chart's rendered pgbouncer.ini (sharedServerRole on) run by a real PgBouncer in front of a
 * real, migrated PostgreSQL with the rendered pg_hba and certificates: a namespace's client logs in with its own
 * password and its transaction runs on the server as kubezap_pooled (by the rendered client certificate, after the
 * rendered connect_query); a wrong password, and a login as the role itself, are refused. The machine's PgBouncer is
 * 1.18: the rendered keys it lacks (max_user_client_connections, max_prepared_statements, 1.24/1.21) are left out and
 * the cluster's host names and paths replaced by the test's. Skipped without pgbouncer (failed under CI).
 */
class SharedServerRolePgBouncerTest {

    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/pgbouncer"), Path.of("/usr/bin/pgbouncer"));
    private static final String ROLE = SessionSchema.POOLED_SERVER_ROLE;
    private static final String TENANT = "kubezap_n_tenant";

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void aNamespacesClientRunsOnTheServerAsTheSharedRole(@TempDir Path directory) throws Exception {
        Path pgbouncer = BINARIES.stream().filter(Files::isExecutable).findFirst()
                .orElseGet(() -> OnThePath.required("pgbouncer", "pgbouncer"));
        Manifests manifests = chart.render(Map.of("postgresql.pooler.enabled", true, "postgresql.pooler.sharedServerRole", true));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        Map<String, String> server = manifests.one(Secret.class, "kubezap-postgresql-tls").getStringData();
        Map<String, String> client = manifests.one(Secret.class, "kubezap-pgbouncer-client-tls").getStringData();
        Path hba = file(directory, "pg_hba.conf", manifests.one(ConfigMap.class, "kubezap-postgresql-config").getData().get("pg_hba.conf"), "rw-r--r--");
        Path ca = file(directory, "ca.crt", server.get("ca.crt"), "rw-r--r--");

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("hba_file", hba.toString())
                .setServerConfig("ssl", "on").setServerConfig("ssl_ca_file", ca.toString())
                .setServerConfig("ssl_cert_file", file(directory, "server.crt", server.get("tls.crt"), "rw-------").toString())
                .setServerConfig("ssl_key_file", file(directory, "server.key", server.get("tls.key"), "rw-------").toString())
                .start()) {
            prepare(postgres.getPort());
            file(directory, "tls/ca.crt", client.get("ca.crt"), "rw-r--r--");
            file(directory, "tls/tls.crt", client.get("tls.crt"), "rw-r--r--");
            file(directory, "tls/tls.key", client.get("tls.key"), "rw-r--r--");
            file(directory, "auth/pgbouncer-userlist.txt", "\"kubezap\" \"admin-password\"\n", "rw-r--r--");
            int port = freePort();
            String ini = machineIni(manifests.one(ConfigMap.class, "kubezap-pgbouncer").getData().get("pgbouncer.ini"),
                    directory, postgres.getPort(), port);
            Process process = new ProcessBuilder(pgbouncer.toString(), file(directory, "pgbouncer.ini", ini, "rw-r--r--").toString())
                    .redirectErrorStream(true).redirectOutput(directory.resolve("pgbouncer.out").toFile()).start();
            try {
                awaitListening(process, port, directory);
                String url = "jdbc:postgresql://127.0.0.1:" + port + "/kubezap?prepareThreshold=0";

                try (Connection tenant = DriverManager.getConnection(url, TENANT, "tenant-password");
                     Statement statement = tenant.createStatement();
                     ResultSet result = statement.executeQuery("select session_user, current_setting('statement_timeout')")) {
                    result.next();
                    assertThat(result.getString(1)).isEqualTo(ROLE);
                    assertThat(result.getString(2)).as("the role's own default, after the connect query").isEqualTo("30s");
                }
                assertThatThrownBy(() -> DriverManager.getConnection(url, TENANT, "guessed").close())
                        .hasMessageContaining("authentication failed");
                assertThatThrownBy(() -> DriverManager.getConnection(url, ROLE, "set-by-a-tenant").close())
                        .as("a login as the role itself, with a password a tenant set on it: auth_query never answers for it")
                        .hasMessageContaining("no such user");
            } finally {
                process.destroy();
            }
        }
    }

    /** The migrated database, the admin PgBouncer looks clients up as, a namespace's role, the role's LOGIN and a tenant's password on it. */
    private static void prepare(int serverPort) throws SQLException {
        String postgresUrl = "jdbc:postgresql://127.0.0.1:" + serverPort + "/";
        try (Connection superuser = DriverManager.getConnection(postgresUrl + "postgres", "postgres", "");
             Statement setUp = superuser.createStatement()) {
            setUp.execute("create database kubezap");
            setUp.execute("create role kubezap superuser login password 'admin-password'");
        }
        Flyway.configure().dataSource(postgresUrl + "kubezap", "postgres", "")
                .locations("classpath:" + SessionSchema.MIGRATIONS).load().migrate();
        try (Connection admin = DriverManager.getConnection(postgresUrl + "kubezap", "postgres", "");
             Statement setUp = admin.createStatement()) {
            setUp.execute("create role " + TENANT + " login password 'tenant-password' in role " + SessionSchema.SESSION_GROUP_ROLE);
            PooledServerLogin.set(admin, true);
            setUp.execute("alter role " + ROLE + " password 'set-by-a-tenant'");
        }
    }

    /** The rendered configuration on this machine: its addresses and paths, without the keys PgBouncer 1.18 lacks. */
    private static String machineIni(String rendered, Path directory, int serverPort, int port) {
        return rendered.lines()
                .filter(line -> !line.startsWith("max_user_client_connections") && !line.startsWith("max_prepared_statements"))
                .map(line -> line.replace("host=kubezap-postgresql.kubezap-system.svc port=5432", "host=127.0.0.1 port=" + serverPort)
                        .replace(" max_user_client_connections=0", "")
                        .replace("listen_addr = 0.0.0.0", "listen_addr = 127.0.0.1")
                        .replace("listen_port = 5432", "listen_port = " + port)
                        .replace("/etc/pgbouncer/", directory + "/"))
                .collect(Collectors.joining("\n", "", "\n"))
                .replace("[pgbouncer]\n", "[pgbouncer]\nuser = nobody\n"); // it refuses to run as root
    }

    private static Path file(Path directory, String name, String content, String mode) throws IOException {
        Path file = directory.resolve(name);
        Files.createDirectories(file.getParent());
        Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    private static void awaitListening(Process process, int port, Path directory) throws IOException, InterruptedException {
        while (process.isAlive()) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("pgbouncer stopped: " + Files.readString(directory.resolve("pgbouncer.out")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
