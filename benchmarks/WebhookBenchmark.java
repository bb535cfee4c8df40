import com.sun.net.httpserver.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Webhook delivery benchmark (not a test). Run from the repository root after a package build:
 *   java -cp "session-pod/target/quarkus-app/lib/main/*" benchmarks/WebhookBenchmark.java
 * Starts an embedded PostgreSQL, a loopback receiver that answers 204 at once, and the packaged session pod
 * with one webhook endpoint. Then a burst of BURST events (default 10,000) lands in the outbox in one
 * transaction, exactly as the pod's own event transactions write it (one events row and one
 * webhook_deliveries row each), and the pod's dispatcher drains it. Reported: deliveries per second and
 * outbox lag (delivered_at - created_at) percentiles. The pod's WhatsApp engine has no route (it only retries).
 * The pod runs with the image's JVM options (images/session-pod/jvm.options) unless BENCH_JAVA_OPTS is set.
 */
public class WebhookBenchmark {

    static final int BURST = Integer.getInteger("burst", 10_000);

    public static void main(String[] args) throws Exception {
        AtomicInteger received = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        Path dir = Files.createTempDirectory("kubezap-webhook-bench");
        Path webhooks = Files.writeString(dir.resolve("webhooks.json"),
                "[{\"url\": \"" + hook + "\", \"secret\": \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}]");

        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            int port = freePort();
            Process pod = launch(url, port, dir, webhooks);
            try {
                awaitReady(port);
                try (Connection db = postgres.getPostgresDatabase().getConnection()) {
                    awaitQuiet(db);
                    int before = received.get();
                    burst(db, hook);
                    long start = System.nanoTime();
                    while (received.get() - before < BURST) {
                        Thread.sleep(20);
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    System.out.printf("burst of %,d events to 1 endpoint: all delivered after %.1f s, %.0f deliveries/s%n",
                            BURST, seconds, BURST / seconds);
                    System.out.printf("BENCH|webhooks|deliveries/s to one endpoint, %,d-event burst|%.0f /s|>= 1000 /s%n", BURST, BURST / seconds);
                    printLag(db);
                }
            } finally {
                pod.destroy();
                pod.waitFor();
                receiver.stop(0);
            }
        }
    }

    static void burst(Connection db, String hook) throws Exception {
        db.setAutoCommit(false);
        try (PreparedStatement event = db.prepareStatement("""
                insert into events (namespace, session, type, payload, occurred_at)
                values ('bench', 'bench', 'message.received', cast(? as jsonb), now()) returning id""");
             PreparedStatement delivery = db.prepareStatement("""
                     insert into webhook_deliveries (id, namespace, session, event_id, event_type, endpoint_url, payload,
                                                     status, next_attempt_at, created_at)
                     values (?, 'bench', 'bench', ?, 'message.received', ?, ?, 'pending', now(), clock_timestamp())""")) {
            for (int i = 0; i < BURST; i++) {
                String data = "{\"id\":\"bench-" + i + "\",\"text\":\"benchmark message " + i + "\"}";
                event.setString(1, data);
                long eventId;
                try (ResultSet rs = event.executeQuery()) {
                    rs.next();
                    eventId = rs.getLong(1);
                }
                String id = "msg_bench" + i;
                delivery.setString(1, id);
                delivery.setLong(2, eventId);
                delivery.setString(3, hook);
                delivery.setString(4, "{\"event\":\"message.received\",\"session\":\"bench\",\"namespace\":\"bench\","
                        + "\"deliveryId\":\"" + id + "\",\"data\":" + data + "}");
                delivery.addBatch();
            }
            delivery.executeBatch();
        }
        db.commit();
        db.setAutoCommit(true);
    }

    static void printLag(Connection db) throws Exception {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("""
                select percentile_cont(array[0.5, 0.99]) within group (order by extract(epoch from delivered_at - created_at)),
                       max(extract(epoch from delivered_at - created_at))
                from webhook_deliveries where session = 'bench' and status = 'delivered'""")) {
            rs.next();
            Double[] p = (Double[]) rs.getArray(1).getArray();
            System.out.printf("outbox lag (delivered_at - created_at): p50 %.1f s, p99 %.1f s, max %.1f s%n", p[0], p[1], rs.getDouble(2));
            System.out.printf("BENCH|webhooks|outbox lag p50 / p99 over the burst|%.1f / %.1f s|%n", p[0], p[1]);
        }
    }

    /** The pod's own session.* events reach the endpoint first; start the burst once they are delivered. */
    static void awaitQuiet(Connection db) throws Exception {
        for (int i = 0; i < 100; i++) {
            try (Statement s = db.createStatement();
                 ResultSet rs = s.executeQuery("select count(*) from webhook_deliveries where status = 'pending'")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    return;
                }
            }
            Thread.sleep(100);
        }
    }

    static Process launch(String jdbcUrl, int port, Path dir, Path webhooks) throws Exception {
        int closed = freePort();
        // the image's JVM options (images/session-pod/jvm.options) unless BENCH_JAVA_OPTS says otherwise
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=" + closed, "-Dhttp.nonProxyHosts=127.0.0.1|localhost"));
        String options = System.getenv("BENCH_JAVA_OPTS");
        command.addAll(options != null ? List.of(options.trim().split("\\s+"))
                : Files.readAllLines(Path.of("images/session-pod/jvm.options")).stream().filter(l -> !l.isBlank()).toList());
        command.addAll(List.of("-jar", "session-pod/target/quarkus-app/quarkus-run.jar"));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(Map.of("KUBEZAP_SESSION", "bench", "KUBEZAP_NAMESPACE", "bench",
                "KUBEZAP_API_KEY", "benchmark-api-key-0123456789", "KUBEZAP_DATA_DIR", dir.resolve("keys").toString(),
                "KUBEZAP_WEBHOOKS_FILE", webhooks.toString(), "QUARKUS_HTTP_PORT", Integer.toString(port),
                "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl, "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "postgres", "KUBEZAP_SCHEMA_MIGRATE_AT_START", "true"));
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(new File(dir.resolve("pod.log").toString())));
        return builder.start();
    }

    static void awaitReady(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 600; i++) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("pod not ready after 60 s");
    }

    static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
