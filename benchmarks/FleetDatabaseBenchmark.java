import io.kubezap.schema.SessionSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Issue 50, part 4 (a benchmark, not a test): a fleet's sessions as database clients, not pods, against one PostgreSQL
 * whose {@code max_connections} is at most 500, through PgBouncer in transaction mode. Every session logs in with its own
 * role, as the operator makes them (row-level security by role: {@link DatabaseBenchmark#createSessionRoles}).
 * <ol>
 *   <li>steady traffic: a share of the sessions (5 %) active, each a text every {@code 1/textsPerSecond} s, in and out
 *       by turns, with the transactions the pod runs for it in storage mode Database: a received text writes the key
 *       store through (its lease row read for share, the whole key store upserted: {@code keyStoreBytes}) and then
 *       stores the message with its {@code message.received} event; a sent text is accepted (message and event), its
 *       key store written through, and marked sent (status, WhatsApp id, {@code message.sent} event). The other
 *       sessions are idle and hold no connection.</li>
 *   <li>a burst: every session receives one text at the same moment.</li>
 * </ol>
 * Each session is one client connection at most (opened when it has work, closed after {@code idleSeconds} without),
 * not the pod's Agroal pool of up to 3: a pool per session would cost a housekeeping thread each in one JVM, and through
 * a pooler in transaction mode the server's connections follow the transactions in flight, not the client connections.
 * It prints the server's client connections (sampled every 50 ms), PgBouncer's waiting clients, server logins,
 * transactions, and the latency of every write transaction (from asking for the connection to the commit) and of every
 * text (its transactions together).
 *
 * Run from the repository root after building the pod ({@code ./mvnw -B -o -pl session-pod -am package -DskipTests}),
 * with a JDK of 22 or newer (it uses {@link DatabaseBenchmark} next to it):
 *   java -Xmx3g -cp "session-pod/target/quarkus-app/lib/main/*:session-pod/target/quarkus-app/app/*" \
 *     benchmarks/FleetDatabaseBenchmark.java [sessions=10000] [activeShare=0.05] [textsPerSecond=2] [steadySeconds=60]
 * System properties: -DmaxConnections=500 (the server's), -DserverConnections=480 (PgBouncer's max_db_connections),
 * -DkeyStoreBytes=30000 (0: storage mode Volume, no write-through), -DidleSeconds=60.
 */
public class FleetDatabaseBenchmark {

    static final int MAX_CONNECTIONS = Integer.getInteger("maxConnections", 500);
    static final int KEY_STORE_BYTES = Integer.getInteger("keyStoreBytes", 30_000);
    static final Duration IDLE = Duration.ofSeconds(Integer.getInteger("idleSeconds", 60));

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        double activeShare = args.length > 1 ? Double.parseDouble(args[1]) : 0.05;
        double textsPerSecond = args.length > 2 ? Double.parseDouble(args[2]) : 2;
        Duration steady = Duration.ofSeconds(args.length > 3 ? Long.parseLong(args[3]) : 60);
        if (System.getProperty("serverConnections") == null) {
            System.setProperty("serverConnections", "480");
        }
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("max_connections", Integer.toString(MAX_CONNECTIONS))
                .setServerConfig("shared_buffers", "256MB")
                .start()) {
            String admin = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
            Flyway.configure().dataSource(admin, "postgres", "postgres").locations("classpath:" + SessionSchema.MIGRATIONS).load().migrate();
            long rolesStart = System.nanoTime();
            DatabaseBenchmark.createSessionRoles(admin, sessions);
            takeLeases(admin, sessions);
            System.out.printf("%d session roles and their key store leases: %d s%n", sessions,
                    (System.nanoTime() - rolesStart) / 1_000_000_000);
            Optional<Process> pgbouncer = DatabaseBenchmark.PgBouncer.start(postgres.getPort(), sessions);
            if (pgbouncer.isEmpty()) {
                return;
            }
            try {
                String pooled = "jdbc:postgresql://127.0.0.1:" + DatabaseBenchmark.PgBouncer.PORT
                        + "/postgres?prepareThreshold=0&connectTimeout=120&socketTimeout=300";
                System.out.printf("## %d sessions (own role each) through PgBouncer, transaction mode, max_db_connections %s;"
                                + " PostgreSQL max_connections %d; key store %d bytes%n", sessions,
                        System.getProperty("serverConnections"), MAX_CONNECTIONS, KEY_STORE_BYTES);
                List<SessionClient> clients = new ArrayList<>();
                for (int i = 0; i < sessions; i++) {
                    clients.add(new SessionClient(i, pooled));
                }
                ScheduledExecutorService closer = Executors.newSingleThreadScheduledExecutor();
                closer.scheduleWithFixedDelay(() -> clients.forEach(SessionClient::closeIfIdle), 1, 1, TimeUnit.SECONDS);
                steadyTraffic(admin, clients.subList(0, (int) Math.round(sessions * activeShare)), textsPerSecond, steady);
                System.out.printf("idle %d s: the clients close their connections%n", IDLE.toSeconds() + 5);
                Thread.sleep(IDLE.plusSeconds(5).toMillis());
                burst(admin, clients);
                closer.shutdownNow();
                clients.forEach(SessionClient::close);
            } finally {
                pgbouncer.get().destroy();
            }
        }
    }

    static void steadyTraffic(String admin, List<SessionClient> active, double textsPerSecond, Duration steady) throws Exception {
        System.out.printf("### steady: %d active sessions, %.1f texts/s each (in and out by turns), %d s%n",
                active.size(), textsPerSecond, steady.toSeconds());
        Latencies latencies = new Latencies();
        try (Measurement measurement = Measurement.start(admin)) {
            long period = Math.round(1_000_000_000 / textsPerSecond);
            long end = System.nanoTime() + steady.toNanos();
            AtomicInteger failures = new AtomicInteger();
            CountDownLatch done = new CountDownLatch(active.size());
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (SessionClient client : active) {
                    threads.submit(() -> {
                        long next = System.nanoTime() + ThreadLocalRandom.current().nextLong(period);
                        int n = 0;
                        try {
                            // a session does one text at a time: one that falls behind starts its next text at once,
                            // and none after the end (the texts asked for and not made show in the rate)
                            while (next < end) {
                                long wait = next - System.nanoTime();
                                if (wait > 0) {
                                    Thread.sleep(Duration.ofNanos(wait));
                                }
                                try {
                                    latencies.text(n++ % 2 == 0 ? client.receive(latencies) : client.send(latencies));
                                } catch (SQLException e) {
                                    report(failures, e);
                                }
                                next = Math.max(next + period, Math.min(System.nanoTime(), end));
                            }
                        } catch (InterruptedException stop) {
                            Thread.currentThread().interrupt();
                        } finally {
                            done.countDown();
                        }
                    });
                }
                done.await();
            }
            double seconds = (System.nanoTime() - (end - steady.toNanos())) / 1e9;
            System.out.printf("texts %d (%.0f/s of %.0f/s asked), failed %d%n", latencies.texts(),
                    latencies.texts() / seconds, active.size() * textsPerSecond, failures.get());
            latencies.print();
            measurement.print(seconds);
        }
    }

    static void burst(String admin, List<SessionClient> clients) throws Exception {
        System.out.printf("### burst: all %d sessions receive a text at the same moment%n", clients.size());
        Latencies latencies = new Latencies();
        AtomicInteger failures = new AtomicInteger();
        try (Measurement measurement = Measurement.start(admin)) {
            long start = System.nanoTime();
            try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
                CountDownLatch go = new CountDownLatch(1);
                for (SessionClient client : clients) {
                    threads.submit(() -> {
                        try {
                            go.await();
                            latencies.text(client.receive(latencies));
                        } catch (SQLException e) {
                            report(failures, e);
                        } catch (InterruptedException stop) {
                            Thread.currentThread().interrupt();
                        }
                    });
                }
                go.countDown();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("all %d done in %.1f s, failed %d%n", clients.size(), seconds, failures.get());
            latencies.print();
            measurement.print(seconds);
        }
    }

    static void report(AtomicInteger failures, SQLException e) {
        if (failures.incrementAndGet() <= 5) {
            System.out.println("failed: " + e.getMessage());
        }
    }

    /** The row each session's pod takes as it starts (fencing token 1), which every key store write reads. */
    static void takeLeases(String admin, int sessions) throws SQLException {
        try (Connection connection = DriverManager.getConnection(admin, "postgres", "postgres");
             PreparedStatement insert = connection.prepareStatement("insert into key_store_leases (namespace, session,"
                     + " holder, token, taken_at) values ('bench', ?, 'bench', 1, now())")) {
            for (int i = 0; i < sessions; i++) {
                insert.setString(1, DatabaseBenchmark.session(i));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** One session's database client: its own role, one connection at most, closed when idle. */
    static final class SessionClient {
        private final String session;
        private final String role;
        private final String password;
        private final String url;
        private final ReentrantLock lock = new ReentrantLock();
        private final byte[] keys = new byte[KEY_STORE_BYTES];
        private Connection connection;
        private long lastUsed;
        private int texts;

        SessionClient(int index, String url) {
            this.session = DatabaseBenchmark.session(index);
            this.role = DatabaseBenchmark.role(index);
            this.password = DatabaseBenchmark.password(index);
            this.url = url;
        }

        /** A received text, as mode Database stores it: the key store written through, then the message and its event. */
        long receive(Latencies latencies) throws SQLException {
            long start = System.nanoTime();
            String id = "in-" + session + "-" + (++texts);
            writeKeyStore(latencies);
            transaction(latencies, c -> {
                insertMessage(c, id, "in", "received");
                insertEvent(c, "message.received", id);
            });
            return System.nanoTime() - start;
        }

        /** A sent text: accepted (message and event), the key store written through, marked sent with its event. */
        long send(Latencies latencies) throws SQLException {
            long start = System.nanoTime();
            String id = "out-" + session + "-" + (++texts);
            transaction(latencies, c -> {
                insertMessage(c, id, "out", "queued");
                insertEvent(c, "message.queued", id);
            });
            writeKeyStore(latencies);
            transaction(latencies, c -> {
                try (PreparedStatement update = c.prepareStatement("update messages set status = 'sent', wa_message_id = ?,"
                        + " updated_at = now() where namespace = 'bench' and session = ? and id = ?")) {
                    update.setString(1, "3EB0" + id);
                    update.setString(2, session);
                    update.setString(3, id);
                    update.executeUpdate();
                }
                insertEvent(c, "message.sent", id);
            });
            return System.nanoTime() - start;
        }

        private void writeKeyStore(Latencies latencies) throws SQLException {
            if (KEY_STORE_BYTES == 0) {
                return;
            }
            ThreadLocalRandom.current().nextBytes(keys);
            transaction(latencies, c -> {
                try (PreparedStatement lease = c.prepareStatement("select token from key_store_leases"
                        + " where namespace = 'bench' and session = ? for share")) {
                    lease.setString(1, session);
                    lease.executeQuery().close();
                }
                try (PreparedStatement upsert = c.prepareStatement("""
                        insert into key_store_mirrors (namespace, session, device, keys, store, written_at, mirrored_at)
                        values ('bench', ?, ?, ?, ?, now(), now())
                        on conflict (namespace, session) do update set device = excluded.device, keys = excluded.keys,
                            store = excluded.store, written_at = excluded.written_at, mirrored_at = excluded.mirrored_at""")) {
                    upsert.setString(1, session);
                    upsert.setObject(2, UUID.nameUUIDFromBytes(session.getBytes()));
                    upsert.setBytes(3, keys);
                    upsert.setBytes(4, Arrays.copyOf(keys, 512));
                    upsert.executeUpdate();
                }
            });
        }

        private void insertMessage(Connection c, String id, String direction, String status) throws SQLException {
            try (PreparedStatement insert = c.prepareStatement("insert into messages (namespace, session, id, chat_jid,"
                    + " direction, type, text, status, created_at, updated_at) values ('bench', ?, ?, ?, ?, 'text', ?, ?, ?, ?)")) {
                Timestamp now = Timestamp.from(Instant.now());
                insert.setString(1, session);
                insert.setString(2, id);
                insert.setString(3, "5511988880000@s.whatsapp.net");
                insert.setString(4, direction);
                insert.setString(5, "Olá, o pedido " + id + " já saiu?");
                insert.setString(6, status);
                insert.setTimestamp(7, now);
                insert.setTimestamp(8, now);
                insert.executeUpdate();
            }
        }

        private void insertEvent(Connection c, String type, String id) throws SQLException {
            try (PreparedStatement insert = c.prepareStatement("insert into events (namespace, session, type, payload,"
                    + " occurred_at) values ('bench', ?, ?, cast(? as jsonb), now())")) {
                insert.setString(1, session);
                insert.setString(2, type);
                insert.setString(3, "{\"id\":\"" + id + "\",\"chat\":\"5511988880000@s.whatsapp.net\"}");
                insert.executeUpdate();
            }
        }

        interface Work {
            void run(Connection connection) throws SQLException;
        }

        private void transaction(Latencies latencies, Work work) throws SQLException {
            lock.lock();
            try {
                long start = System.nanoTime();
                if (connection == null) {
                    connection = DriverManager.getConnection(url, role, password);
                    connection.setAutoCommit(false);
                }
                try {
                    work.run(connection);
                    connection.commit();
                } catch (SQLException e) {
                    closeQuietly();
                    throw e;
                }
                lastUsed = System.nanoTime();
                latencies.transaction(lastUsed - start);
            } finally {
                lock.unlock();
            }
        }

        void closeIfIdle() {
            if (lock.tryLock()) {
                try {
                    if (connection != null && System.nanoTime() - lastUsed > IDLE.toNanos()) {
                        closeQuietly();
                    }
                } finally {
                    lock.unlock();
                }
            }
        }

        void close() {
            lock.lock();
            try {
                closeQuietly();
            } finally {
                lock.unlock();
            }
        }

        private void closeQuietly() {
            try {
                if (connection != null) {
                    connection.close();
                }
            } catch (SQLException ignored) {
                // gone either way
            }
            connection = null;
        }
    }

    /** Latencies of write transactions and of texts, in nanoseconds. */
    static final class Latencies {
        private final ConcurrentLinkedQueue<Long> transactions = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Long> texts = new ConcurrentLinkedQueue<>();

        void transaction(long nanos) {
            transactions.add(nanos);
        }

        void text(long nanos) {
            texts.add(nanos);
        }

        int texts() {
            return texts.size();
        }

        void print() {
            System.out.println("write transactions: " + summary(transactions));
            System.out.println("texts (their transactions together): " + summary(texts));
        }

        static String summary(ConcurrentLinkedQueue<Long> nanos) {
            long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
            if (sorted.length == 0) {
                return "none";
            }
            return "n %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms".formatted(sorted.length, at(sorted, 0.50), at(sorted, 0.99),
                    sorted[sorted.length - 1] / 1e6);
        }

        static double at(long[] sorted, double quantile) {
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
        }
    }

    /**
     * The server's side over a phase: client connections (the session roles' backends: PgBouncer's server connections)
     * sampled every 50 ms, PgBouncer's waiting clients every second (its admin console), and the deltas of server logins
     * and transactions.
     */
    static final class Measurement implements AutoCloseable {
        private final String admin;
        private final DatabaseBenchmark.ConnectionSampler sampler;
        private final Thread sampling;
        private final long[] before;
        private final AtomicLong connectionSum = new AtomicLong();
        private final AtomicLong connectionSamples = new AtomicLong();
        private final AtomicInteger maxWaiting = new AtomicInteger();
        private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();

        private Measurement(String admin) throws Exception {
            this.admin = admin;
            this.sampler = new DatabaseBenchmark.ConnectionSampler(admin);
            this.sampling = Thread.ofPlatform().daemon().start(sampler);
            this.before = DatabaseBenchmark.serverCounters(admin);
            poller.scheduleAtFixedRate(this::poll, 1, 1, TimeUnit.SECONDS);
        }

        static Measurement start(String admin) throws Exception {
            return new Measurement(admin);
        }

        private void poll() {
            connectionSum.addAndGet(sampler.current());
            connectionSamples.incrementAndGet();
            String console = "jdbc:postgresql://127.0.0.1:" + DatabaseBenchmark.PgBouncer.PORT
                    + "/pgbouncer?preferQueryMode=simple&sslmode=disable";
            try (Connection connection = DriverManager.getConnection(console, "postgres", "postgres");
                 Statement statement = connection.createStatement();
                 var pools = statement.executeQuery("show pools")) {
                int waiting = 0;
                while (pools.next()) {
                    waiting += pools.getInt("cl_waiting");
                }
                maxWaiting.accumulateAndGet(waiting, Math::max);
            } catch (SQLException e) {
                maxWaiting.accumulateAndGet(-1, Math::max);
            }
        }

        void print(double seconds) throws Exception {
            long[] after = DatabaseBenchmark.serverCounters(admin);
            System.out.printf("server connections: peak %d, mean %.0f; PgBouncer clients waiting: max %d (sampled each s);"
                            + " server logins %d (%.0f/s), transactions %d (%.0f/s)%n", sampler.peakAndReset(),
                    connectionSum.get() / (double) Math.max(1, connectionSamples.get()), maxWaiting.get(),
                    after[0] - before[0], (after[0] - before[0]) / seconds, after[1] - before[1],
                    (after[1] - before[1]) / seconds);
        }

        @Override
        public void close() throws InterruptedException {
            poller.shutdownNow();
            sampler.stop();
            sampling.join();
        }
    }
}
