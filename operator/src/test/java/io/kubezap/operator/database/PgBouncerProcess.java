package io.kubezap.operator.database;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A real PgBouncer (Debian's {@code pgbouncer}) in transaction mode in front of the test server, logging every client in
 * to the server as {@code serverUser} (a forced server user) after checking the client's own password with
 * {@code auth_query}, and resetting every setting a client left on a server connection after each transaction
 * (record 0020). Skips the test when the machine has no PgBouncer (fails under {@code CI}).
 */
public final class PgBouncerProcess implements AutoCloseable {

    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/pgbouncer"), Path.of("/usr/bin/pgbouncer"));

    private final Process process;
    private final int port;

    private PgBouncerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** One server connection at most, so that every namespace's transaction must share it. */
    public static PgBouncerProcess forcedServerUser(Path directory, String serverUser, String serverPassword)
            throws IOException, InterruptedException {
        Path binary = BINARIES.stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (binary == null) {
            String why = "pgbouncer is not installed (Debian: apt-get install pgbouncer)";
            if (System.getenv("CI") != null) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
        }
        int serverPort = java.net.URI.create(MigratedDatabase.admin().jdbcUrl().substring("jdbc:".length())).getPort();
        int port = freePort();
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(directory.resolve("userlist.txt"), "\"postgres\" \"postgres\"\n");
        Path ini = Files.writeString(directory.resolve("pgbouncer.ini"), """
                [databases]
                postgres = host=127.0.0.1 port=%d dbname=postgres user=%s password=%s
                [pgbouncer]
                listen_addr = 127.0.0.1
                listen_port = %d
                unix_socket_dir =
                user = nobody
                auth_type = scram-sha-256
                auth_file = %s
                auth_user = postgres
                auth_query = SELECT usename, passwd FROM pg_shadow WHERE usename=$1
                pool_mode = transaction
                server_reset_query = RESET ALL
                server_reset_query_always = 1
                default_pool_size = 1
                max_db_connections = 1
                ignore_startup_parameters = extra_float_digits
                logfile = %s
                """.formatted(serverPort, serverUser, serverPassword, port, directory.resolve("userlist.txt"),
                directory.resolve("pgbouncer.log")));
        for (Path file : List.of(ini, directory.resolve("userlist.txt"))) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
        Process process = new ProcessBuilder(binary.toString(), ini.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("pgbouncer.out").toFile()).start();
        PgBouncerProcess bouncer = new PgBouncerProcess(process, port);
        bouncer.awaitListening(directory);
        return bouncer;
    }

    /** A client's JDBC URL: no server-side prepared statements, which transaction pooling would hand to others. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?prepareThreshold=0";
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
