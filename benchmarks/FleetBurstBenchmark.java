import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.kubezap.contract.DatabaseOutage;
import io.kubezap.schema.PooledServerLogin;
import io.kubezap.schema.SessionSchema;
import io.kubezap.session.db.WritesAwaitingDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Issue 71 item 5 (a benchmark, not a test): a fleet's sessions writing through the pooled identity
 * (docs/decisions/0017), each variant on a fresh embedded PostgreSQL with the same settings, in one run:
 * <ul>
 *   <li><b>pooled</b>: the design. One login role per tenant namespace ({@code -Dnamespaces}, default 10), each session
 *       its own token (only its SHA-256 in {@code session_tokens}), every transaction starting with
 *       {@code set_config('kubezap.token', $1, true)}; row-level security and the key store's fence on. Each session is
 *       one long-lived client connection to PgBouncer (Debian's, installed with apt-get when missing; transaction
 *       mode, auth_query + SCRAM as in the chart), opened at its first write; PgBouncer opens
 *       {@code -DserverConnections} (default 4 × this machine's vCPUs) to the server, over {@code -Dpoolers}
 *       processes sharing the port ({@code so_reuseport}) when more than one.</li>
 *   <li><b>control</b>: the same writes from the same sessions, direct to PostgreSQL through one in-process pool of
 *       the same number of server connections, as one shared superuser role: no pooler, no login per session, no
 *       token, no row-level security. The ratio pooled ÷ control is what the design costs.</li>
 * </ul>
 * A text is what a received text costs in storage mode Database with the key store as rows: the message, its
 * {@code message.received} event and the key store's changed entries (two rows of 1 KB deleted and inserted, the lease
 * read and its fencing token presented) in one transaction ({@code -DkeyStoreTransaction=own}: the key store in a second
 * one, as before issue 71 item 3). Its latency runs from asking for the connection (the login, when the session has
 * none) to the commit. A write that meets a refused or broken connection waits and is made again, as the pod's
 * received texts are ({@link Outcome#record}); any other failure, or one still failing after {@code -DwaitSeconds}, is
 * refused. Phases, per variant:
 * <ol>
 *   <li><b>reconnect burst</b>: every session, holding no connection (as after a restart of the pooler, or of the
 *       pods), writes one text at once;</li>
 *   <li><b>write burst</b>: every session, its connection open, writes one text at once (a failover of the server
 *       behind the pooler: the pods keep their client connections, KUBEZAP_DATABASE_POOL_MIN=1);</li>
 *   <li><b>steady</b>: {@code rate} texts/s spread over all sessions for {@code steadySeconds};</li>
 *   <li><b>pooler restart</b> (pooled only): the steady load again, PgBouncer killed and started again a third of the
 *       way in; each session reconnects at its next text (the pod's pool does the same).</li>
 * </ol>
 * Printed per phase: texts done and refused, text latency p50/p99/max, the time until the last text of a burst, the
 * server's client connections (sampled every 50 ms), server logins (backend starts) and the CPU time of this JVM (the
 * sessions' side: the pods' SCRAM logins are computed here) and of PgBouncer. {@code BENCH|…} lines feed scripts/bench.
 *
 * Run from the repository root after {@code ./mvnw -B -o -pl session-pod -am package -DskipTests}, JDK 22 or newer
 * (multi-file source launch: it uses {@link DatabaseBenchmark} and {@link FleetDatabaseBenchmark} next to it):
 *   java -Xmx3g -cp "session-pod/target/quarkus-app/lib/main/*" benchmarks/FleetBurstBenchmark.java \
 *     [sessions=10000] [rate=1000] [steadySeconds=30] [variants=control,pooled]
 * PgBouncer's query_wait_timeout and client_login_timeout, and the control pool's acquisition timeout, are
 * {@code -DwaitSeconds} (60: the issue's bar for a burst). {@code -DreconnectJitterSeconds=N} spreads the reconnect
 * burst: each session waits a random 0–N s before its login (its text's latency starts after the wait; the time until
 * the last text is done counts from the burst's start). {@code -DpoolerLogsConnections=true} has PgBouncer log each
 * connection and why it closed ("evicted": taken for another role's pool) in its work directory's pgbouncer-N.log.
 */
public class FleetBurstBenchmark {

    static final int CPUS = Runtime.getRuntime().availableProcessors();
    static final int SERVER_CONNECTIONS = Integer.getInteger("serverConnections", 4 * CPUS);
    static final int NAMESPACES = Integer.getInteger("namespaces", 10);
    static final int POOLERS = Integer.getInteger("poolers", 1);
    /**
     * -DnamespaceServerConnections: the most server connections one namespace's role holds in a PgBouncer
     * (max_user_connections, the chart's postgresql.pooler.namespaceServerConnections); default: all of them.
     */
    /**
     * -DauthDatabase=own: PgBouncer's auth_query runs on a [databases] entry of its own (auth_dbname, PgBouncer 1.20+),
     * so its connection is not one of the sessions' max_db_connections; default: the sessions' database.
     */
    static final boolean OWN_AUTH_DATABASE = "own".equals(System.getProperty("authDatabase"));
    static final int NAMESPACE_SERVER_CONNECTIONS = Integer.getInteger("namespaceServerConnections", SERVER_CONNECTIONS / POOLERS);
    static final int WAIT_SECONDS = Integer.getInteger("waitSeconds", 60);
    /** -DreconnectJitterSeconds: in the reconnect burst each session first waits a random time up to this (0: none). */
    static final Duration RECONNECT_JITTER = Duration.ofSeconds(Integer.getInteger("reconnectJitterSeconds", 0));
    static final int PORT = 16433;
    static final String ADMIN_APPLICATION = "kubezap-bench-admin";
    static final int ENTRY_BYTES = 1024;
    /**
     * -DkeyStoreTransaction=own: the key store's entries in a transaction of their own after the message's, as the pod
     * wrote them before issue 71 item 3; default "message": in the message's transaction, as the pod writes them now.
     */
    static final boolean KEY_STORE_IN_MESSAGE_TRANSACTION = !"own".equals(System.getProperty("keyStoreTransaction", "message"));
    /**
     * -DpostgresCpus=0: PostgreSQL's processes pinned to these CPUs (taskset), apart from this JVM and PgBouncer when
     * they are started under {@code taskset -c 1}: the pods and the pooler off the primary's cores, as in a cluster.
     * The server connections default to 4 × this JVM's CPUs.
     */
    static final Optional<String> POSTGRES_CPUS = Optional.ofNullable(System.getProperty("postgresCpus"));
    /**
     * Behind PgBouncer, as the chart: PgBouncer keeps the sessions' prepared statements per server connection
     * ({@code max_prepared_statements} 200), and pgjdbc prepares a statement at its first use ({@code prepareThreshold=1}:
     * a pod's kept connection has long passed pgjdbc's default of 5 uses; here each session writes a few texts).
     * -DpreparedStatements=off: none prepared ({@code prepareThreshold=0}), the chart's URL before.
     */
    static final boolean PREPARED_THROUGH_POOLER = !"off".equals(System.getProperty("preparedStatements", "pooler"));
    /**
     * -DsharedServerRole=true: PgBouncer logs every namespace's clients in to the server as kubezap_pooled (a forced
     * server user, with the chart's connect_query and server_reset_query; docs/decisions/0020), one pool of all the
     * server connections for all namespaces; the namespaces' roles still log in to PgBouncer.
     */
    static final boolean SHARED_SERVER_ROLE = Boolean.getBoolean("sharedServerRole");
    /** -DhotNamespaceFactor=5: in the steady phases the sessions of namespace 0 write this many times their share. */
    static final int HOT_NAMESPACE_FACTOR = Integer.getInteger("hotNamespaceFactor", 1);

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 1000;
        Duration steady = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 30);
        List<String> variants = List.of((args.length > 3 ? args[3] : "control,pooled").split(","));
        System.out.printf("# %d sessions in %d namespaces%s%s, %d server connections (%d vCPUs), reconnect jitter %d s, key store in %s transaction, %s%n",
                sessions, NAMESPACES, SHARED_SERVER_ROLE ? ", one server role behind the pooler" : "",
                HOT_NAMESPACE_FACTOR > 1 ? ", namespace 0 at " + HOT_NAMESPACE_FACTOR + "× its share" : "", SERVER_CONNECTIONS, CPUS, RECONNECT_JITTER.toSeconds(),
                KEY_STORE_IN_MESSAGE_TRANSACTION ? "the message's" : "its own", Runtime.version());
        for (String variant : variants) {
            Optional<Path> pgbouncer = Optional.empty();
            if (variant.equals("pooled")) {
                pgbouncer = DatabaseBenchmark.PgBouncer.binary();
                if (pgbouncer.isEmpty()) {
                    System.out.println("BENCH|fleet-burst|pooled|skipped: no pgbouncer binary (apt-get install pgbouncer gave none: /tmp/kubezap-pgbouncer-install.log)|");
                    continue;
                }
            } else if (!variant.equals("control") && !variant.equals("tokens")) {
                throw new IllegalArgumentException("variants are control, tokens and pooled, not " + variant);
            }
            try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "256MB")
                    .start()) {
                String admin = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres?ApplicationName=" + ADMIN_APPLICATION;
                if (POSTGRES_CPUS.isPresent()) {
                    pinPostgres(admin, POSTGRES_CPUS.get());
                }
                Flyway.configure().dataSource(admin, "postgres", "postgres").locations("classpath:" + SessionSchema.MIGRATIONS).load().migrate();
                Fleet fleet = Fleet.prepare(admin, sessions);
                if (variant.equals("control")) {
                    try (Control control = new Control(postgres.getPort())) {
                        phases("control", admin, fleet.clients(control), rate, steady, Optional.empty());
                    }
                } else if (variant.equals("tokens")) {
                    try (Tokens tokens = new Tokens(postgres.getPort())) {
                        phases("tokens", admin, fleet.clients(tokens), rate, steady, Optional.empty());
                    }
                } else {
                    try (Poolers poolers = Poolers.start(pgbouncer.get(), postgres.getPort(), sessions)) {
                        phases("pooled", admin, fleet.clients(poolers), rate, steady, Optional.of(poolers));
                    }
                }
            }
        }
    }

    /** The postmaster and its processes on {@code cpus}; backends it starts later inherit the affinity. */
    static void pinPostgres(String admin, String cpus) throws Exception {
        long postmaster;
        try (Connection connection = DriverManager.getConnection(admin, "postgres", "postgres");
             Statement statement = connection.createStatement();
             ResultSet directory = statement.executeQuery("show data_directory")) {
            directory.next();
            postmaster = Long.parseLong(Files.readAllLines(Path.of(directory.getString(1), "postmaster.pid")).getFirst().strip());
        }
        List<Long> pids = new ArrayList<>(List.of(postmaster));
        ProcessHandle.of(postmaster).ifPresent(handle -> handle.descendants().forEach(child -> pids.add(child.pid())));
        for (long pid : pids) {
            new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        }
        System.out.printf("PostgreSQL (%d processes) pinned to CPUs %s, this JVM has %d%n", pids.size(), cpus, CPUS);
    }

    static void phases(String variant, String admin, List<SessionClient> clients, double rate, Duration steady,
                       Optional<Poolers> poolers) throws Exception {
        System.out.printf("## %s%n", variant);
        burst(variant, "reconnect burst", admin, clients, poolers);
        burst(variant, "write burst", admin, clients, poolers);
        steady(variant, "steady", admin, clients, rate, steady, poolers, false);
        if (poolers.isPresent()) {
            steady(variant, "pooler restart", admin, clients, rate, steady, poolers, true);
        }
        clients.forEach(SessionClient::close);
    }

    static void burst(String variant, String phase, String admin, List<SessionClient> clients, Optional<Poolers> poolers)
            throws Exception {
        Outcome outcome = new Outcome();
        try (Measurement measurement = new Measurement(admin, poolers)) {
            long start = System.nanoTime();
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                CountDownLatch go = new CountDownLatch(1);
                boolean reconnect = phase.startsWith("reconnect");
                for (SessionClient client : clients) {
                    threads.submit(() -> {
                        go.await();
                        if (reconnect && RECONNECT_JITTER.isPositive()) {
                            Thread.sleep(Duration.ofNanos(ThreadLocalRandom.current().nextLong(RECONNECT_JITTER.toNanos())));
                        }
                        outcome.record(client);
                        return null;
                    });
                }
                go.countDown();
            }
            outcome.report(variant, phase, clients.size(), (System.nanoTime() - start) / 1e9, measurement);
        }
    }

    /** Each session a text every {@code sessions / rate} s from a random offset, one at a time; none after the end. */
    static void steady(String variant, String phase, String admin, List<SessionClient> clients, double rate,
                       Duration length, Optional<Poolers> poolers, boolean restart) throws Exception {
        Outcome others = new Outcome();
        Outcome hot = new Outcome();
        long share = Math.round(clients.size() / rate * 1e9);
        try (Measurement measurement = new Measurement(admin, poolers)) {
            long start = System.nanoTime();
            long end = start + length.toNanos();
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (SessionClient client : clients) {
                    boolean inHot = HOT_NAMESPACE_FACTOR > 1 && client.namespace.equals(Fleet.namespace(0));
                    long period = inHot ? share / HOT_NAMESPACE_FACTOR : share;
                    Outcome outcome = inHot ? hot : others;
                    threads.submit(() -> {
                        long next = start + ThreadLocalRandom.current().nextLong(period);
                        while (next < end) {
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                Thread.sleep(Duration.ofNanos(wait));
                            }
                            outcome.record(client);
                            next = Math.max(next + period, Math.min(System.nanoTime(), end));
                        }
                        return null;
                    });
                }
                if (restart) {
                    Thread.sleep(length.dividedBy(3));
                    long down = System.nanoTime();
                    poolers.get().restart();
                    System.out.printf("PgBouncer killed and started again at %.1f s (down %.1f s)%n", (down - start) / 1e9,
                            (System.nanoTime() - down) / 1e9);
                }
            }
            System.out.printf("asked %.0f texts/s for %d s%n", rate, length.toSeconds());
            double seconds = (System.nanoTime() - start) / 1e9;
            if (HOT_NAMESPACE_FACTOR > 1) {
                hot.report(variant, phase + " (the namespace at " + HOT_NAMESPACE_FACTOR + "× its share)", -1, seconds, measurement);
                phase += " (the other namespaces)";
            }
            others.report(variant, phase + " (" + Math.round(rate) + " texts/s asked)", -1, seconds, measurement);
        }
    }

    /** The fleet's identities in the database, as the operator makes them. */
    record Fleet(List<String> tokens) {

        static Fleet prepare(String admin, int sessions) throws SQLException {
            List<String> tokens = new ArrayList<>();
            try (Connection connection = DriverManager.getConnection(admin, "postgres", "postgres");
                 Statement sql = connection.createStatement()) {
                connection.setAutoCommit(false);
                sql.execute("create role kubezap_control login superuser password 'control-password'");
                if (SHARED_SERVER_ROLE) {
                    PooledServerLogin.set(connection, true);
                }
                for (int n = 0; n < NAMESPACES; n++) {
                    // the operator's NamespaceRoles with a server-made SCRAM verifier (the server's password_encryption)
                    sql.execute("create role " + role(n) + " login in role " + SessionSchema.SESSION_GROUP_ROLE
                            + " password '" + password(n) + "'");
                    sql.execute("alter role " + role(n) + " set log_parameter_max_length = 0");
                    sql.execute("insert into namespace_roles (role_name, for_namespace, password_sha256) values ('" + role(n)
                            + "', '" + namespace(n) + "', sha256(convert_to('" + password(n) + "', 'UTF8')))");
                }
                try (PreparedStatement token = connection.prepareStatement("insert into session_tokens (token_hash,"
                        + " for_namespace, for_session) values (sha256(convert_to(?, 'UTF8')), ?, ?)");
                     PreparedStatement lease = connection.prepareStatement("insert into key_store_leases (namespace,"
                             + " session, holder, token, taken_at) values (?, ?, 'bench', 1, now())")) {
                    for (int i = 0; i < sessions; i++) {
                        tokens.add(DatabaseBenchmark.session(i) + "-" + UUID.randomUUID() + UUID.randomUUID());
                        token.setString(1, tokens.get(i));
                        token.setString(2, namespace(i % NAMESPACES));
                        token.setString(3, DatabaseBenchmark.session(i));
                        token.addBatch();
                        lease.setString(1, namespace(i % NAMESPACES));
                        lease.setString(2, DatabaseBenchmark.session(i));
                        lease.addBatch();
                    }
                    token.executeBatch();
                    lease.executeBatch();
                }
                connection.commit();
            }
            return new Fleet(tokens);
        }

        List<SessionClient> clients(Route route) {
            List<SessionClient> clients = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                clients.add(new SessionClient(namespace(i % NAMESPACES), DatabaseBenchmark.session(i), tokens.get(i),
                        route.login(i % NAMESPACES)));
            }
            return clients;
        }

        static String namespace(int n) {
            return "tenant-" + n;
        }

        static String role(int n) {
            return "kubezap_n_bench_" + n;
        }

        static String password(int n) {
            return "bench-namespace-password-" + n;
        }
    }

    /** How a session reaches the database. */
    interface Route {
        Login login(int namespace);
    }

    /**
     * A session's way to a connection for a transaction: kept between its transactions ({@code held}: its own client)
     * or given back (a shared pool); {@code presentsToken}: not the control's, whose role is no tenant and reads every row.
     */
    record Login(Opener opener, boolean held, boolean presentsToken) {
        Connection open() throws SQLException {
            Connection connection = opener.open();
            connection.setAutoCommit(false);
            return connection;
        }
    }

    interface Opener {
        Connection open() throws SQLException;
    }

    /** The control: one pool of the same server connections, direct, one superuser role shared by every session. */
    static final class Control implements Route, AutoCloseable {
        private final AgroalDataSource pool;

        Control(int postgresPort) throws SQLException {
            pool = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(p -> p
                            .initialSize(0).minSize(0).maxSize(SERVER_CONNECTIONS)
                            .acquisitionTimeout(Duration.ofSeconds(WAIT_SECONDS))
                            .connectionFactoryConfiguration(f -> f
                                    .jdbcUrl("jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres")
                                    .principal(new NamePrincipal("kubezap_control"))
                                    .credential(new SimplePassword("control-password")))));
        }

        @Override
        public Login login(int namespace) {
            return new Login(pool::getConnection, false, false);
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    /**
     * The design without the pooler, to tell its two costs apart: the namespace roles, tokens and row-level security,
     * direct to PostgreSQL through in-process pools (one per namespace, the server connections shared out among them).
     */
    static final class Tokens implements Route, AutoCloseable {
        private final List<AgroalDataSource> pools = new ArrayList<>();

        Tokens(int postgresPort) throws SQLException {
            for (int n = 0; n < NAMESPACES; n++) {
                String role = Fleet.role(n);
                String password = Fleet.password(n);
                pools.add(AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                        .connectionPoolConfiguration(p -> p
                                .initialSize(0).minSize(0).maxSize(Math.max(1, SERVER_CONNECTIONS / NAMESPACES))
                                .acquisitionTimeout(Duration.ofSeconds(WAIT_SECONDS))
                                .connectionFactoryConfiguration(f -> f
                                        .jdbcUrl("jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres")
                                        .principal(new NamePrincipal(role))
                                        .credential(new SimplePassword(password))))));
            }
        }

        @Override
        public Login login(int namespace) {
            return new Login(pools.get(namespace)::getConnection, false, true);
        }

        @Override
        public void close() {
            pools.forEach(AgroalDataSource::close);
        }
    }

    /** The design: each session its own client connection to PgBouncer, as its namespace's role. */
    static final class Poolers implements Route, AutoCloseable {
        private final Path bin;
        private final Path work;
        private final List<Process> processes = new ArrayList<>();
        private double spentCpuSeconds;
        private final int postgresPort;
        private final int sessions;

        private Poolers(Path bin, int postgresPort, int sessions) throws IOException {
            this.bin = bin;
            this.work = Files.createTempDirectory("kubezap-burst-pgbouncer");
            this.postgresPort = postgresPort;
            this.sessions = sessions;
        }

        static Poolers start(Path binary, int postgresPort, int sessions) throws Exception {
            Poolers poolers = new Poolers(binary, postgresPort, sessions);
            String version = new String(new ProcessBuilder(binary.toString(), "--version").start().getInputStream()
                    .readAllBytes()).lines().findFirst().orElse("?");
            System.out.printf("%s: %d process(es), %d server connections each, transaction mode, SCRAM via auth_query%n",
                    version, POOLERS, SERVER_CONNECTIONS / POOLERS);
            poolers.launch();
            return poolers;
        }

        private void launch() throws Exception {
            int each = SERVER_CONNECTIONS / POOLERS;
            Files.writeString(work.resolve("userlist.txt"), "\"postgres\" \"postgres\"\n");
            for (int i = 0; i < POOLERS; i++) {
                Path ini = work.resolve("pgbouncer-" + i + ".ini");
                // the chart's settings (helm/kubezap/templates/_helpers.tpl, kubezap.pooler.ini) that PgBouncer 1.18
                // knows; max_user_client_connections (1.24) is left out
                Files.writeString(ini, """
                        [databases]
                        postgres = host=127.0.0.1 port=%d dbname=postgres auth_user=postgres%s
                        [pgbouncer]
                        listen_addr = 127.0.0.1
                        listen_port = %d
                        unix_socket_dir =
                        so_reuseport = %d
                        auth_type = scram-sha-256
                        auth_query = SELECT usename, passwd FROM pg_shadow WHERE usename = $1%s
                        auth_file = %s
                        pool_mode = transaction
                        max_client_conn = %d
                        default_pool_size = %d
                        max_db_connections = %d
                        max_user_connections = %d
                        max_prepared_statements = %d
                        ignore_startup_parameters = extra_float_digits
                        server_idle_timeout = 60
                        query_wait_timeout = %d
                        client_login_timeout = %d
                        log_connections = 0
                        log_disconnections = 0
                        admin_users = postgres
                        logfile = %s
                        """.formatted(postgresPort, (SHARED_SERVER_ROLE ? " user=" + SessionSchema.POOLED_SERVER_ROLE + " connect_query='"
                                + SessionSchema.pooledConnectQuery("public") + "'" : "") + (OWN_AUTH_DATABASE ? " auth_dbname=kubezap_auth\nkubezap_auth = host=127.0.0.1 port="
                                + postgresPort + " dbname=postgres auth_user=postgres pool_size=1" : ""), PORT, POOLERS > 1 ? 1 : 0,
                        SHARED_SERVER_ROLE ? " AND usename <> '" + SessionSchema.POOLED_SERVER_ROLE + "'\nserver_reset_query = RESET ALL\nserver_reset_query_always = 1" : "",
                        work.resolve("userlist.txt"),
                        sessions + 100, SHARED_SERVER_ROLE ? each : Math.min(each, NAMESPACE_SERVER_CONNECTIONS), each,
                        SHARED_SERVER_ROLE ? 0 : Math.min(each, NAMESPACE_SERVER_CONNECTIONS), PREPARED_THROUGH_POOLER ? 200 : 0, WAIT_SECONDS, WAIT_SECONDS, work.resolve("pgbouncer-" + i + ".log"))
                        .replaceAll("(?m)^log_(dis)?connections = 0", Boolean.getBoolean("poolerLogsConnections") ? "log_$1connections = 1" : "$0"));
                List<String> command = new ArrayList<>(List.of(bin.toString(), ini.toString()));
                if ("root".equals(System.getProperty("user.name"))) {
                    command.addAll(1, List.of("-u", "nobody"));
                    new ProcessBuilder("chmod", "-R", "a+rwx", work.toString()).start().waitFor();
                }
                processes.add(new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(work.resolve("stdout-" + i + ".log").toFile()).start());
            }
            for (int attempt = 0; attempt < 100; attempt++) {
                try (var socket = new java.net.Socket("127.0.0.1", PORT)) {
                    return;
                } catch (IOException notYet) {
                    Thread.sleep(100);
                }
            }
            throw new IllegalStateException("PgBouncer did not start: " + work);
        }

        /** Killed (SIGKILL, as a crashed or evicted pod) and started again at once. */
        void restart() throws Exception {
            spentCpuSeconds = cpuSeconds();
            for (Process process : processes) {
                process.destroyForcibly().waitFor();
            }
            processes.clear();
            launch();
        }

        /** CPU seconds of the PgBouncer processes so far, those killed by {@link #restart} included (utime + stime, /proc). */
        double cpuSeconds() {
            double total = spentCpuSeconds;
            for (Process process : processes) {
                total += cpuSecondsOf(process.pid()).orElse(0.0); // exited: its time is lost with it
            }
            return total;
        }

        @Override
        public Login login(int namespace) {
            String url = "jdbc:postgresql://127.0.0.1:" + PORT + "/postgres?prepareThreshold=" + (PREPARED_THROUGH_POOLER ? 1 : 0) + "&connectTimeout="
                    + WAIT_SECONDS + "&socketTimeout=" + (2 * WAIT_SECONDS);
            return new Login(() -> DriverManager.getConnection(url, Fleet.role(namespace), Fleet.password(namespace)), true, true);
        }

        @Override
        public void close() {
            processes.forEach(Process::destroy);
        }
    }

    /** One session's database client; one text at a time. */
    static final class SessionClient {
        private final String namespace;
        private final String session;
        private final String token;
        private final Login login;
        private final ReentrantLock lock = new ReentrantLock();
        private Connection held;
        private int texts;
        private String[] entries = {};

        SessionClient(String namespace, String session, String token, Login login) {
            this.namespace = namespace;
            this.session = session;
            this.token = token;
            this.login = login;
        }

        /** A received text: the message, its event and the key store's changed entries (in one transaction or two). */
        void receive() throws SQLException {
            lock.lock();
            try {
                String id = "in-" + session + "-" + (++texts);
                transaction(c -> {
                    insertMessage(c, id);
                    insertEvent(c, id);
                    if (KEY_STORE_IN_MESSAGE_TRANSACTION) {
                        writeKeyStore(c);
                    }
                });
                if (!KEY_STORE_IN_MESSAGE_TRANSACTION) {
                    transaction(this::writeKeyStore);
                }
            } finally {
                lock.unlock();
            }
        }

        interface Work {
            void run(Connection connection) throws SQLException;
        }

        /**
         * As the pod's SessionDb: a kept connection found dead at the token (the pooler restarted) is replaced and the
         * transaction begun again, once; nothing of the work had run.
         */
        private void transaction(Work work) throws SQLException {
            Connection connection = held != null ? held : login.open();
            try {
                try {
                    presentToken(connection);
                } catch (SQLException stale) {
                    if (held == null || DatabaseOutage.reason(stale).isEmpty()) {
                        throw stale;
                    }
                    closeQuietly(connection);
                    held = null;
                    connection = login.open();
                    presentToken(connection);
                }
                work.run(connection);
                connection.commit();
            } catch (SQLException e) {
                closeQuietly(connection);
                held = null;
                throw e;
            }
            if (login.held()) {
                held = connection;
            } else {
                connection.close();
            }
        }

        private void presentToken(Connection connection) throws SQLException {
            if (login.presentsToken()) {
                try (PreparedStatement present = connection.prepareStatement("select set_config('kubezap.token', ?, true)")) {
                    present.setString(1, token);
                    present.executeQuery().close();
                }
            }
        }

        private void insertMessage(Connection c, String id) throws SQLException {
            try (PreparedStatement insert = c.prepareStatement("insert into messages (namespace, session, id, chat_jid,"
                    + " direction, type, text, status, created_at, updated_at) values (?, ?, ?, ?, 'in', 'text', ?, 'received', ?, ?)")) {
                Timestamp now = Timestamp.from(Instant.now());
                insert.setString(1, namespace);
                insert.setString(2, session);
                insert.setString(3, id);
                insert.setString(4, "5511988880000@s.whatsapp.net");
                insert.setString(5, "Olá, o pedido " + id + " já saiu?");
                insert.setTimestamp(6, now);
                insert.setTimestamp(7, now);
                insert.executeUpdate();
            }
        }

        private void insertEvent(Connection c, String id) throws SQLException {
            try (PreparedStatement insert = c.prepareStatement("insert into events (namespace, session, type, payload,"
                    + " occurred_at) values (?, ?, 'message.received', cast(? as jsonb), now())")) {
                insert.setString(1, namespace);
                insert.setString(2, session);
                insert.setString(3, "{\"id\":\"" + id + "\",\"chat\":\"5511988880000@s.whatsapp.net\"}");
                insert.executeUpdate();
            }
        }

        /** As KeyStoreRowRepository: the lease read for share with the fencing token presented, changed entries replaced. */
        private void writeKeyStore(Connection c) throws SQLException {
            try (PreparedStatement lease = c.prepareStatement("select token, set_config('kubezap.key_store_token', '1', true)"
                    + " from key_store_leases where namespace = ? and session = ? for share")) {
                lease.setString(1, namespace);
                lease.setString(2, session);
                lease.executeQuery().close();
            }
            try (PreparedStatement delete = c.prepareStatement("delete from key_store_entries where namespace = ?"
                    + " and session = ? and file = 'signal' and entry = any(?)")) {
                delete.setString(1, namespace);
                delete.setString(2, session);
                delete.setArray(3, c.createArrayOf("text", entries));
                delete.executeUpdate();
            }
            String[] written = {UUID.randomUUID().toString(), UUID.randomUUID().toString()};
            try (PreparedStatement insert = c.prepareStatement("insert into key_store_entries (namespace, session, device,"
                    + " file, entry, position, value, written_at) values (?, ?, ?, 'signal', ?, ?, ?, now())")) {
                byte[] value = new byte[ENTRY_BYTES];
                for (int i = 0; i < written.length; i++) {
                    ThreadLocalRandom.current().nextBytes(value);
                    insert.setString(1, namespace);
                    insert.setString(2, session);
                    insert.setObject(3, UUID.nameUUIDFromBytes(session.getBytes()));
                    insert.setString(4, written[i]);
                    insert.setLong(5, i);
                    insert.setBytes(6, value);
                    insert.executeUpdate();
                }
            }
            entries = written;
        }

        void close() {
            closeQuietly(held);
            held = null;
        }

        private static void closeQuietly(Connection connection) {
            try {
                if (connection != null) {
                    connection.close();
                }
            } catch (SQLException ignored) {
                // gone either way
            }
        }
    }

    /** A process's CPU seconds so far (utime + stime, /proc); empty once it has exited. */
    static Optional<Double> cpuSecondsOf(long pid) {
        try {
            String[] stat = Files.readString(Path.of("/proc/" + pid + "/stat")).replaceFirst(".*\\) ", "").split(" ");
            return Optional.of((Long.parseLong(stat[11]) + Long.parseLong(stat[12])) / 100.0);
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    /** Texts done with their latency, and refused ones by reason. */
    static final class Outcome {
        private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
        private final AtomicLong lastDone = new AtomicLong();
        private final AtomicInteger retried = new AtomicInteger();

        /**
         * As the pod keeps a received text while PostgreSQL (or its pooler) is out of reach and records it later
         * (WritesAwaitingDatabase: 0.25–0.5 s, doubling to 10 s, equal jitter), a text that met a refused or broken
         * connection is written again after such a wait, within the phase's {@code -DwaitSeconds}; it counts as refused
         * only if it is still not written then, or failed otherwise.
         */
        void record(SessionClient client) throws InterruptedException {
            long start = System.nanoTime();
            try {
                for (int attempt = 0; ; attempt++) {
                    try {
                        client.receive();
                        break;
                    } catch (SQLException e) {
                        long waited = System.nanoTime() - start;
                        if (DatabaseOutage.reason(e).isEmpty() || waited > Duration.ofSeconds(WAIT_SECONDS).toNanos()) {
                            throw e;
                        }
                        retried.incrementAndGet();
                        Thread.sleep(WritesAwaitingDatabase.RETRIES.delay(attempt));
                    }
                }
                long now = System.nanoTime();
                latencies.add(now - start);
                lastDone.accumulateAndGet(now, Math::max);
            } catch (SQLException e) {
                String reason = (e.getSQLState() == null ? "" : e.getSQLState() + " ")
                        + String.valueOf(e.getMessage()).lines().findFirst().orElse("").replaceAll("[0-9]+", "N");
                refused.computeIfAbsent(reason, r -> new AtomicInteger()).incrementAndGet();
            }
        }

        void report(String variant, String phase, int burst, double seconds, Measurement measurement) throws Exception {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            int refusals = refused.values().stream().mapToInt(AtomicInteger::get).sum();
            String latency = sorted.length == 0 ? "none" : "p50 %.0f ms, p99 %.0f ms, max %.0f ms".formatted(
                    FleetDatabaseBenchmark.Latencies.at(sorted, 0.50), FleetDatabaseBenchmark.Latencies.at(sorted, 0.99),
                    sorted[sorted.length - 1] / 1e6);
            System.out.printf("### %s, %s: %d texts done, %d refused in %.1f s; text latency %s%n", variant, phase,
                    sorted.length, refusals, seconds, latency);
            refused.forEach((reason, count) -> System.out.printf("  refused %d × %s%n", count.get(), reason));
            if (retried.get() > 0) {
                System.out.printf("  %d writes met a refused or broken connection and were made again after a wait%n", retried.get());
            }
            String server = measurement.print(seconds);
            String done = burst > 0 && sorted.length > 0
                    ? "%d/%d done, last after %.1f s, %d refused".formatted(sorted.length, burst,
                    (lastDone.get() - measurement.startNanos) / 1e9, refusals)
                    : "%d done (%.0f/s), %d refused".formatted(sorted.length, sorted.length / seconds, refusals);
            String target = burst > 0 ? "all within 60 s, 0 refused" : "p99 <= 2 s";
            System.out.printf("BENCH|fleet-burst|%s %s: texts|%s|%s%n", variant, phase, done, target);
            System.out.printf("BENCH|fleet-burst|%s %s: text latency|%s|%s%n", variant, phase, latency, target);
            System.out.printf("BENCH|fleet-burst|%s %s: server|%s|<= %d connections%n", variant, phase, server, 4 * CPUS);
        }
    }

    /** The server's client connections (sampled every 50 ms), logins, transactions, and CPU time, over a phase. */
    static final class Measurement implements AutoCloseable {
        final long startNanos = System.nanoTime();
        private final String admin;
        private final Optional<Poolers> poolers;
        private final long[] before;
        private final long cpuBefore = processCpuNanos();
        private final double poolerCpuBefore;
        private final Map<Long, Double> postgresCpuBefore;
        private final AtomicInteger peak = new AtomicInteger();
        private final AtomicInteger peakAdmin = new AtomicInteger();
        private volatile boolean running = true;
        private final Thread sampling;

        Measurement(String admin, Optional<Poolers> poolers) throws Exception {
            this.admin = admin;
            this.poolers = poolers;
            this.before = DatabaseBenchmark.serverCounters(admin);
            this.poolerCpuBefore = poolers.map(Poolers::cpuSeconds).orElse(0.0);
            this.postgresCpuBefore = postgresCpu(admin);
            this.sampling = Thread.ofPlatform().daemon().start(this::sample);
        }

        private void sample() {
            try (Connection connection = DriverManager.getConnection(admin, "postgres", "postgres");
                 Statement statement = connection.createStatement()) {
                while (running) {
                    // PgBouncer's and the control pool's connections; PgBouncer's auth_query lookups (as postgres) count
                    // too; a backend still logging in (no user yet) does not: it may be this benchmark's own admin
                    // connection, whose application_name shows only once it has logged in
                    try (ResultSet rows = statement.executeQuery("select count(*), count(*) filter (where usename = 'postgres')"
                            + " from pg_stat_activity where backend_type = 'client backend' and usename is not null"
                            + " and application_name <> '" + ADMIN_APPLICATION + "'")) {
                        rows.next();
                        peak.accumulateAndGet(rows.getInt(1), Math::max);
                        peakAdmin.accumulateAndGet(rows.getInt(2), Math::max);
                    }
                    Thread.sleep(50);
                }
            } catch (Exception e) {
                System.out.println("sampler stopped: " + e.getMessage());
            }
        }

        String print(double seconds) throws Exception {
            long[] after = DatabaseBenchmark.serverCounters(admin);
            double cpu = (processCpuNanos() - cpuBefore) / 1e9;
            String pooler = poolers.map(p -> ", PgBouncer CPU %.1f s".formatted(p.cpuSeconds() - poolerCpuBefore)).orElse("");
            Map<Long, Double> postgresAfter = postgresCpu(admin);
            double postgres = postgresAfter.entrySet().stream()
                    .mapToDouble(e -> e.getValue() - postgresCpuBefore.getOrDefault(e.getKey(), 0.0)).sum();
            pooler += ", PostgreSQL CPU %.1f s".formatted(postgres);
            String server = "peak %d connections (%d as the admin: auth_query), %d logins, %d transactions (%.0f/s)".formatted(
                    peak.get(), peakAdmin.get(),
                    after[0] - before[0], after[1] - before[1], (after[1] - before[1]) / seconds);
            System.out.printf("server: %s; sessions' JVM CPU %.1f s%s; load average %s%n", server, cpu, pooler,
                    Files.readString(Path.of("/proc/loadavg")).strip());
            return server;
        }

        /**
         * CPU seconds so far of the server's processes (backends and background workers, from pg_stat_activity), by pid:
         * a backend that ended within the phase is not counted (its time is gone with it).
         */
        private static Map<Long, Double> postgresCpu(String admin) throws SQLException {
            Map<Long, Double> seconds = new java.util.HashMap<>();
            try (Connection connection = DriverManager.getConnection(admin, "postgres", "postgres");
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select pid from pg_stat_activity")) {
                while (rows.next()) {
                    long pid = rows.getLong(1);
                    cpuSecondsOf(pid).ifPresent(cpu -> seconds.put(pid, cpu)); // none: ended meanwhile
                }
            }
            return seconds;
        }

        private static long processCpuNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            sampling.join();
        }
    }
}
