import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.kubezap.contract.PairingMethod;
import io.kubezap.schema.SessionSchema;
import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.engine.EngineSettings;
import io.kubezap.session.schema.PackagedMigrations;
import io.kubezap.session.schema.SchemaCheck;
import io.kubezap.session.schema.SchemaStatus;
import io.kubezap.contract.SessionState;
import io.kubezap.session.state.StateHistoryRepository;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Database benchmark (not a test): N session pods' worth of database clients against one PostgreSQL, each with the
 * pod's own database code path — an Agroal pool configured like the pod's (empty at start, max
 * KUBEZAP_DATABASE_POOL_MAX 3, idle connections closed), its own session role as the operator makes it (a login role
 * in group {@code kubezap_session}, mapped to its session in {@code session_roles}: row-level security on), the pod's start-up schema check ({@link SchemaCheck}, one query),
 * the state restore ({@link StateHistoryRepository#latest()}) and a state-history write through {@link SessionDb}.
 * Measures the time until all are ready, the server's peak client connections while they start, and the connections
 * left once the pools' idle timeout has passed. Then the same through PgBouncer (transaction mode) when a pgbouncer
 * binary is found or can be installed with apt-get.
 *
 * The session pod alone (no operator classes: the roles are made here with the SQL the operator's are made of; how
 * fast the operator makes them is the operator's to measure). Run from the repository root after building the pod:
 *   ./mvnw -B -o -pl session-pod -am package -DskipTests
 *   java -cp "session-pod/target/quarkus-app/lib/main/*:session-pod/target/quarkus-app/app/*" \
 *     benchmarks/DatabaseBenchmark.java [sessions=1000] [idleSeconds=15] [phases=direct,pgbouncer]
 * System properties: -DserverConnections=50 (PgBouncer's max_db_connections), -DautocommitSchemaCheck=true (see below).
 */
public class DatabaseBenchmark {

    static final int POOL_MAX = 3;
    static final int SERVER_CONNECTIONS_BEHIND_POOLER = Integer.getInteger("serverConnections", 50);
    /** -DautocommitSchemaCheck=true adds the reads of the schema check as it was before (one transaction each), for comparison. */
    static final boolean AUTOCOMMIT_SCHEMA_CHECK = Boolean.getBoolean("autocommitSchemaCheck");

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Duration idle = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 15);
        String phases = args.length > 2 ? args[2] : "direct,pgbouncer";
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("max_connections", Integer.toString(sessions * POOL_MAX + 13))
                .setServerConfig("shared_buffers", "128MB")
                .start()) {
            String direct = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
            long migrateStart = System.nanoTime();
            Flyway.configure().dataSource(direct, "postgres", "postgres").locations("classpath:" + SessionSchema.MIGRATIONS).load().migrate();
            System.out.printf("migrations (the runner's Flyway, once): %d ms%n", (System.nanoTime() - migrateStart) / 1_000_000);
            long rolesStart = System.nanoTime();
            createSessionRoles(direct, sessions);
            System.out.printf("%d session roles created: %d ms%n", sessions, (System.nanoTime() - rolesStart) / 1_000_000);

            if (phases.contains("direct")) {
                run("direct to PostgreSQL", sessions, idle, direct, direct);
            }
            Optional<Process> pgbouncer = phases.contains("pgbouncer") ? PgBouncer.start(postgres.getPort(), sessions) : Optional.empty();
            if (pgbouncer.isPresent()) {
                try {
                    run("through PgBouncer (transaction mode, " + SERVER_CONNECTIONS_BEHIND_POOLER + " server connections)",
                            sessions, idle, "jdbc:postgresql://127.0.0.1:" + PgBouncer.PORT + "/postgres?prepareThreshold=0", direct);
                } finally {
                    pgbouncer.get().destroy();
                }
            }
        }
    }

    static void run(String title, int sessions, Duration idle, String sessionUrl, String adminUrl) throws Exception {
        System.out.println("## " + sessions + " sessions, " + title);
        ConnectionSampler sampler = new ConnectionSampler(adminUrl);
        Thread sampling = Thread.ofPlatform().daemon().start(sampler);
        List<AgroalDataSource> pools = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            pools.add(pool(sessionUrl, role(i), password(i), idle));
        }
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger rechecks = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(sessions);
        long[] before = serverCounters(adminUrl);
        long start = System.nanoTime();
        try (ExecutorService starts = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < sessions; i++) {
                int index = i;
                starts.submit(() -> {
                    try {
                        startLikeAPod(pools.get(index), session(index), rechecks);
                    } catch (RuntimeException | InterruptedException e) {
                        if (failures.incrementAndGet() <= 3) {
                            e.printStackTrace();
                        }
                    } finally {
                        ready.countDown();
                    }
                });
            }
            ready.await();
        }
        long readyMs = (System.nanoTime() - start) / 1_000_000;
        int peak = sampler.peakAndReset();
        long[] after = serverCounters(adminUrl);
        System.out.printf("all %d ready after %d ms (%d failed, %d schema re-checks after a pool timeout); server client connections: peak %d;"
                        + " server logins %d, transactions %d%n",
                sessions, readyMs, failures.get(), rechecks.get(), peak, after[0] - before[0], after[1] - before[1]);
        Instant idleSince = Instant.now();
        Thread.sleep(idle.plusSeconds(idle.toSeconds() + 5).toMillis());
        System.out.printf("after %d s idle: %d server client connections (the admin's sampler excluded), peak since %d%n",
                Duration.between(idleSince, Instant.now()).toSeconds(), sampler.current(), sampler.peakAndReset());
        sampler.stop();
        sampling.join();
        pools.forEach(AgroalDataSource::close);
    }

    /**
     * What SchemaGate and SessionRuntime do against the database when a pod starts: check the schema, and while it
     * cannot be read (here: no free connection within the pool's 30 s on an overloaded machine) look again every 5 s.
     */
    static void startLikeAPod(AgroalDataSource pool, String session, AtomicInteger rechecks) throws InterruptedException {
        Flyway flyway = Flyway.configure().dataSource(pool).locations("classpath:" + SessionSchema.MIGRATIONS).load();
        SchemaCheck check = new SchemaCheck(pool, new PackagedMigrations());
        SchemaStatus schema = status(check, flyway);
        while (!schema.ready()) {
            if (schema.state() == SchemaStatus.State.AHEAD || rechecks.get() > 20_000) {
                throw new IllegalStateException(session + ": " + schema.describe());
            }
            rechecks.incrementAndGet();
            Thread.sleep(5_000);
            schema = status(check, flyway);
        }
        SessionSettings settings = new SessionSettings(session, "bench", "unused-api-key-0123456789", Path.of("unused"),
                PairingMethod.QR, Optional.empty(), 30, Optional.of("2.3000.1022032575"), false);
        SessionDb db = new SessionDb(pool, settings, (String) null);
        StateHistoryRepository history = new StateHistoryRepository(db, new ObjectMapper().registerModule(new JavaTimeModule()));
        history.latest();
        db.useTransaction(handle -> history.append(handle, SessionState.starting(session, "bench"), Instant.now()));
    }

    static SchemaStatus status(SchemaCheck check, Flyway flyway) {
        if (AUTOCOMMIT_SCHEMA_CHECK) {
            try {
                flyway.info(); // the check as it was first: Flyway's reads straight on the pool, one autocommit transaction each
            } catch (RuntimeException e) {
                return new SchemaStatus(SchemaStatus.State.UNREACHABLE, null, null, e.getMessage());
            }
        }
        return check.status();
    }

    /** The server's logins (sessions established) and committed transactions so far, PostgreSQL 14+. */
    static long[] serverCounters(String adminUrl) throws Exception {
        try (Connection admin = DriverManager.getConnection(adminUrl, "postgres", "postgres");
             Statement statement = admin.createStatement();
             ResultSet rows = statement.executeQuery("select sessions, xact_commit + xact_rollback from pg_stat_database"
                     + " where datname = current_database()")) {
            rows.next();
            return new long[] {rows.getLong(1), rows.getLong(2)};
        }
    }

    static AgroalDataSource pool(String url, String user, String password, Duration idle) throws Exception {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool
                        .initialSize(0).minSize(0).maxSize(POOL_MAX)
                        .acquisitionTimeout(Duration.ofSeconds(30))
                        .reapTimeout(idle)
                        .connectionFactoryConfiguration(factory -> factory
                                .jdbcUrl(url)
                                .principal(new NamePrincipal(user))
                                .credential(new SimplePassword(password)))));
    }

    /** Each session's login role in the group that holds the table grants, mapped to its rows as the operator maps it. */
    static void createSessionRoles(String adminUrl, int sessions) throws Exception {
        try (Connection admin = DriverManager.getConnection(adminUrl, "postgres", "postgres");
             Statement statement = admin.createStatement()) {
            admin.setAutoCommit(false); // one commit: 10,000 roles one by one waited for 20,000 flushes on a busy disk
            for (int i = 0; i < sessions; i++) {
                statement.execute("create role " + role(i) + " login in role kubezap_session password '" + password(i) + "'");
                statement.execute("insert into session_roles (role_name, namespace, session) values ('" + role(i)
                        + "', 'bench', '" + session(i) + "')");
            }
            admin.commit();
        }
    }

    static String role(int i) {
        return "kubezap_bench_" + i;
    }

    static String session(int i) {
        return "s" + i;
    }

    static String password(int i) {
        return "bench-password-" + i;
    }

    /** Counts client backends other than its own, every 50 ms. */
    static final class ConnectionSampler implements Runnable {
        private final String url;
        private volatile boolean running = true;
        private volatile int current;
        private volatile int peak;

        ConnectionSampler(String url) {
            this.url = url;
        }

        public void run() {
            try (Connection admin = DriverManager.getConnection(url, "postgres", "postgres");
                 Statement statement = admin.createStatement()) {
                while (running) {
                    try (ResultSet rows = statement.executeQuery("select count(*) from pg_stat_activity"
                            + " where backend_type = 'client backend' and pid <> pg_backend_pid() and usename <> 'postgres'")) {
                        rows.next();
                        current = rows.getInt(1);
                        peak = Math.max(peak, current);
                    }
                    Thread.sleep(50);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        int current() {
            return current;
        }

        int peakAndReset() {
            int value = peak;
            peak = current;
            return value;
        }

        void stop() {
            running = false;
        }
    }

    /** A local PgBouncer: found on the PATH or in /usr/sbin, else installed with apt-get (Debian's package). */
    static final class PgBouncer {
        static final int PORT = 16432;

        static Optional<Process> start(int postgresPort, int sessions) throws IOException, InterruptedException {
            Optional<Path> binary = binary();
            if (binary.isEmpty()) {
                return Optional.empty();
            }
            Path dir = Files.createTempDirectory("kubezap-pgbouncer");
            Files.writeString(dir.resolve("pgbouncer.ini"), """
                    [databases]
                    postgres = host=127.0.0.1 port=%d dbname=postgres auth_user=postgres
                    [pgbouncer]
                    listen_addr = 127.0.0.1
                    listen_port = %d
                    unix_socket_dir =
                    ; the chart's settings (helm/kubezap/templates/_helpers.tpl, kubezap.pooler.ini): session roles looked
                    ; up with auth_query, clients authenticated with SCRAM (their passwords must match the roles'
                    ; SCRAM verifiers)
                    auth_type = scram-sha-256
                    auth_query = SELECT usename, passwd FROM pg_shadow WHERE usename = $1
                    auth_file = %s
                    pool_mode = transaction
                    max_client_conn = %d
                    default_pool_size = %d
                    max_db_connections = %d
                    ignore_startup_parameters = extra_float_digits
                    server_idle_timeout = 60
                    ; SHOW POOLS for the benchmarks' own sampling
                    admin_users = postgres
                    logfile = %s
                    """.formatted(postgresPort, PORT, dir.resolve("userlist.txt"), sessions * POOL_MAX + 20,
                    SERVER_CONNECTIONS_BEHIND_POOLER, SERVER_CONNECTIONS_BEHIND_POOLER, dir.resolve("pgbouncer.log")));
            Files.writeString(dir.resolve("userlist.txt"), "\"postgres\" \"postgres\"\n");
            String version = new String(new ProcessBuilder(binary.get().toString(), "--version").start().getInputStream().readAllBytes()).trim();
            System.out.println("PgBouncer: " + version.lines().findFirst().orElse(version));
            List<String> command = new ArrayList<>(List.of(binary.get().toString(), dir.resolve("pgbouncer.ini").toString()));
            if ("root".equals(System.getProperty("user.name"))) {
                command.add(1, "-u");
                command.add(2, "nobody");
                new ProcessBuilder("chmod", "-R", "a+rwx", dir.toString()).start().waitFor();
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("stdout.log").toFile()).start();
            for (int i = 0; i < 100; i++) {
                try (var socket = new java.net.Socket("127.0.0.1", PORT)) {
                    return Optional.of(process);
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            System.out.println("## PgBouncer did not start (" + dir + "); skipped");
            process.destroy();
            return Optional.empty();
        }

        /** The binary, installed with apt-get (Debian's package) when missing; empty, with the reason printed, if it cannot be. */
        static Optional<Path> binary() throws IOException, InterruptedException {
            Optional<Path> binary = locate();
            if (binary.isEmpty()) {
                System.out.println("pgbouncer not found: trying apt-get install -y pgbouncer");
                new ProcessBuilder("sh", "-c", "(apt-get install -y pgbouncer || (apt-get update && apt-get install -y pgbouncer)) >/tmp/kubezap-pgbouncer-install.log 2>&1")
                        .inheritIO().start().waitFor();
                binary = locate();
            }
            if (binary.isEmpty()) {
                System.out.println("## PgBouncer: not available on this machine (see /tmp/kubezap-pgbouncer-install.log); skipped");
            }
            return binary;
        }

        /** {@code PGBOUNCER}: another PgBouncer (a binary or a launcher), e.g. the chart's version where Debian's is older. */
        static Optional<Path> locate() {
            String chosen = System.getenv("PGBOUNCER");
            if (chosen != null && !chosen.isBlank()) {
                return Optional.of(Path.of(chosen)).filter(Files::isExecutable);
            }
            for (String candidate : List.of("/usr/sbin/pgbouncer", "/usr/bin/pgbouncer", "/usr/local/bin/pgbouncer")) {
                if (Files.isExecutable(Path.of(candidate))) {
                    return Optional.of(Path.of(candidate));
                }
            }
            return Optional.empty();
        }
    }
}
