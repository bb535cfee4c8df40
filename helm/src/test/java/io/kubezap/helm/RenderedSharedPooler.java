package io.kubezap.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.kubezap.schema.PooledServerLogin;
import io.kubezap.schema.SessionSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The chart rendered with sharedServerRole on, run for real: a migrated PostgreSQL with the rendered pg_hba and
 * certificates, and a PgBouncer on the rendered pgbouncer.ini (the cluster's host names and paths replaced by the
 * test's). Namespace roles {@link #TENANT} and {@link #OTHER_TENANT} log in with {@link #TENANT_PASSWORD}; the role
 * carries a password a tenant set on it ({@link #PLANTED_PASSWORD}).
 */
final class RenderedSharedPooler implements AutoCloseable {

    static final String ROLE = SessionSchema.POOLED_SERVER_ROLE;
    static final String TENANT = "kubezap_n_tenant";
    static final String OTHER_TENANT = "kubezap_n_other";
    static final String TENANT_PASSWORD = "tenant-password";
    static final String PLANTED_PASSWORD = "set-by-a-tenant";

    private final EmbeddedPostgres postgres;
    private final Process pgbouncer;
    private final int port;

    private RenderedSharedPooler(EmbeddedPostgres postgres, Process pgbouncer, int port) {
        this.postgres = postgres;
        this.pgbouncer = pgbouncer;
        this.port = port;
    }

    /**
     * Renders the chart with {@code values} (sharedServerRole and the pooler on), starts both in {@code directory}
     * and waits until PgBouncer listens; {@code adapt} may change the rendered ini's lines for this PgBouncer.
     */
    static RenderedSharedPooler start(Path directory, Path binary, Map<String, Object> values, UnaryOperator<String> adapt)
            throws Exception {
        Map<String, Object> all = new HashMap<>(values);
        all.put("postgresql.pooler.enabled", true);
        all.put("postgresql.pooler.sharedServerRole", true);
        Manifests manifests = KubezapChart.inModule().render(all);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        Map<String, String> server = manifests.one(Secret.class, "kubezap-postgresql-tls").getStringData();
        Map<String, String> client = manifests.one(Secret.class, "kubezap-pgbouncer-client-tls").getStringData();
        Path hba = file(directory, "pg_hba.conf", manifests.one(ConfigMap.class, "kubezap-postgresql-config").getData().get("pg_hba.conf"), "rw-r--r--");
        Path ca = file(directory, "ca.crt", server.get("ca.crt"), "rw-r--r--");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("hba_file", hba.toString())
                .setServerConfig("ssl", "on").setServerConfig("ssl_ca_file", ca.toString())
                .setServerConfig("ssl_cert_file", file(directory, "server.crt", server.get("tls.crt"), "rw-------").toString())
                .setServerConfig("ssl_key_file", file(directory, "server.key", server.get("tls.key"), "rw-------").toString())
                .start();
        try {
            prepare(postgres.getPort());
            file(directory, "tls/ca.crt", client.get("ca.crt"), "rw-r--r--");
            file(directory, "tls/tls.crt", client.get("tls.crt"), "rw-r--r--");
            file(directory, "tls/tls.key", client.get("tls.key"), "rw-r--r--");
            file(directory, "auth/pgbouncer-userlist.txt", "\"kubezap\" \"admin-password\"\n", "rw-r--r--");
            int port = freePort();
            String ini = machineIni(manifests.one(ConfigMap.class, "kubezap-pgbouncer").getData().get("pgbouncer.ini"),
                    directory, postgres.getPort(), port, adapt);
            Process process = new ProcessBuilder(binary.toString(), file(directory, "pgbouncer.ini", ini, "rw-r--r--").toString())
                    .redirectErrorStream(true).redirectOutput(directory.resolve("pgbouncer.out").toFile()).start();
            RenderedSharedPooler pooler = new RenderedSharedPooler(postgres, process, port);
            awaitListening(process, port, directory);
            return pooler;
        } catch (Exception | AssertionError e) {
            postgres.close();
            throw e;
        }
    }

    /** The JDBC URL of the database through PgBouncer. */
    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/kubezap?prepareThreshold=0";
    }

    Connection connect(String role) throws SQLException {
        return DriverManager.getConnection(url(), role, TENANT_PASSWORD);
    }

    @Override
    public void close() throws IOException {
        pgbouncer.destroy();
        postgres.close();
    }

    /** The migrated database, the admin PgBouncer looks clients up as, two namespaces' roles, the role's LOGIN and a tenant's password on it. */
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
            for (String tenant : new String[] {TENANT, OTHER_TENANT}) {
                setUp.execute("create role " + tenant + " login password '" + TENANT_PASSWORD + "' in role " + SessionSchema.SESSION_GROUP_ROLE);
            }
            PooledServerLogin.set(admin, true);
            setUp.execute("alter role " + ROLE + " password '" + PLANTED_PASSWORD + "'");
        }
    }

    /** The rendered configuration on this machine: its addresses and paths. */
    private static String machineIni(String rendered, Path directory, int serverPort, int port, UnaryOperator<String> adapt) {
        return rendered.lines()
                .map(line -> adapt.apply(line.replace("host=kubezap-postgresql.kubezap-system.svc port=5432", "host=127.0.0.1 port=" + serverPort)
                        .replace("listen_addr = 0.0.0.0", "listen_addr = 127.0.0.1")
                        .replace("listen_port = 5432", "listen_port = " + port)
                        .replace("/etc/pgbouncer/", directory + "/")))
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
