package io.kubezap.operator.database;

import io.kubezap.schema.SessionSchema;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A real PgBouncer (Debian's {@code pgbouncer}) in transaction mode in front of a test server, as the chart renders it
 * with one server role (record 0020): every client, checked with its own password by {@code auth_query} (which never
 * answers for the server role), is logged in to the server as {@code serverUser} (a forced server user) by client
 * certificate; each new server connection runs {@link SessionSchema#pooledConnectQuery}; every setting a client left on
 * a server connection is reset after each transaction. Skips the test when the machine has no PgBouncer (fails under
 * {@code CI}).
 */
public final class PgBouncerProcess implements AutoCloseable {

    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/pgbouncer"), Path.of("/usr/bin/pgbouncer"));

    private final Process process;
    private final int port;
    private final AdminCredentials server;

    private PgBouncerProcess(Process process, int port, AdminCredentials server) {
        this.process = process;
        this.port = port;
        this.server = server;
    }

    /** One server connection at most, so that every namespace's transaction must share it. */
    public static PgBouncerProcess forcedServerUser(Path directory, AdminCredentials server, String serverUser,
                                                    ServerCertificates certificates) throws IOException, InterruptedException {
        Path binary = BINARIES.stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (binary == null) {
            String why = "pgbouncer is not installed (Debian: apt-get install pgbouncer)";
            if (System.getenv("CI") != null) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        int serverPort = java.net.URI.create(server.jdbcUrl().substring("jdbc:".length())).getPort();
        int port = freePort();
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(directory.resolve("userlist.txt"), "\"postgres\" \"postgres\"\n");
        Path ini = Files.writeString(directory.resolve("pgbouncer.ini"), """
                [databases]
                postgres = host=127.0.0.1 port=%d dbname=postgres user=%s connect_query='%s'
                [pgbouncer]
                listen_addr = 127.0.0.1
                listen_port = %d
                unix_socket_dir =
                user = nobody
                auth_type = scram-sha-256
                auth_file = %s
                auth_user = postgres
                server_check_delay = 0
                auth_query = SELECT usename, passwd FROM pg_shadow WHERE usename = $1 AND usename <> '%s'
                server_tls_sslmode = verify-ca
                server_tls_ca_file = %s
                server_tls_cert_file = %s
                server_tls_key_file = %s
                pool_mode = transaction
                server_reset_query = RESET ALL
                server_reset_query_always = 1
                default_pool_size = 1
                max_db_connections = 1
                ignore_startup_parameters = extra_float_digits
                logfile = %s
                """.formatted(serverPort, serverUser, SessionSchema.pooledConnectQuery("public"), port,
                directory.resolve("userlist.txt"), serverUser, certificates.ca(), certificates.clientCertificate(),
                certificates.clientKey(), directory.resolve("pgbouncer.log")));
        for (Path file : List.of(ini, directory.resolve("userlist.txt"))) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
        Process process = new ProcessBuilder(binary.toString(), ini.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("pgbouncer.out").toFile()).start();
        PgBouncerProcess bouncer = new PgBouncerProcess(process, port, server);
        bouncer.awaitListening(directory);
        return bouncer;
    }

    /** A client's JDBC URL: no server-side prepared statements, which transaction pooling would hand to others. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?prepareThreshold=0";
    }

    /**
     * Ends the pooler's server connections on the server and waits until they are gone: the next transaction logs in
     * anew ({@code server_check_delay = 0} has PgBouncer find a dead one before it hands it out).
     */
    public void endServerConnections(String serverUser) throws java.sql.SQLException {
        try (java.sql.Connection admin = java.sql.DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password())) {
            Sql.strings(admin, "select pg_terminate_backend(pid, 10000) from pg_stat_activity where usename = '" + serverUser + "'");
        }
    }

    private void awaitListening(Path directory) throws IOException, InterruptedException {
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

    @Override
    public void close() {
        process.destroy();
    }
}
