import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Session pod benchmark (not a test). Run from the repository root after a package build:
 *   java -cp "session-pod/target/quarkus-app/lib/main/*" benchmarks/Benchmark.java [startup] [external] [messages]
 * 1. startup: local mode, time from launch to /q/health/ready answering 200 (first start with initdb, then
 *    RESTARTS restarts on the same data directory) and the JVM's resident memory after idling;
 * 1b. external: Kubernetes mode (an external embedded PostgreSQL migrated once by the pod's {@code migrate} command,
 *    the pod only checking the schema), RESTARTS restarts after a first start that records the class cache: time and
 *    JVM CPU time to ready, classes loaded at ready (all, and Flyway's) and RSS after 10 s idle;
 * 2. messages: GET /messages?limit=50 latency with -Drows messages (default 1,000,000) spread over -Dsessions
 *    sessions (default 1) in one embedded PostgreSQL on loopback, read by the pod of one of them.
 * Lines starting with BENCH| are the results scripts/bench collects.
 * The pod is started by session-pod/kubezap-local (its JVM options and class cache); BENCH_JAVA_OPTS adds options.
 */
public class Benchmark {

    static final String KEY = "benchmark-api-key-0123456789";
    static final int ROWS = Integer.getInteger("rows", 1_000_000);
    static final int SESSIONS = Integer.getInteger("sessions", 1);
    static final int RESTARTS = Integer.getInteger("restarts", 5);
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().children().forEach(ProcessHandle::destroy)));
        Path dataDir = Files.createTempDirectory("kubezap-bench");
        List<String> parts = args.length == 0 ? List.of("startup", "messages") : List.of(args);
        if (parts.contains("startup")) {
            startup(dataDir);
        }
        if (parts.contains("external")) {
            external(Files.createTempDirectory("kubezap-bench-external"));
        }
        if (parts.contains("messages")) {
            messages(dataDir);
        }
    }

    static void startup(Path dataDir) throws Exception {
        System.out.println("## local mode start-up and idle memory");
        List<Long> restarts = new ArrayList<>();
        List<Long> restartCpu = new ArrayList<>();
        for (int run = 0; run <= RESTARTS; run++) {
            Process pod = launch(Map.of("KUBEZAP_DATA_DIR", dataDir.toString(), "QUARKUS_HTTP_PORT", "18181"), dataDir);
            long started = System.nanoTime();
            awaitReady(18181);
            long readyMs = (System.nanoTime() - started) / 1_000_000;
            long cpuMs = cpuMillis(pod.pid());
            String name = run == 0 ? "first start (initdb)" : "restart " + run;
            System.out.printf("%s: JVM CPU time until ready %d ms%n", name, cpuMs);
            if (run > 0) {
                restartCpu.add(cpuMs);
            }
            if (run == 0 || run == RESTARTS) {
                Thread.sleep(10_000);
                System.out.printf("%s: ready after %d ms, JVM RSS after 10 s idle: %d MiB%n", name, readyMs, rssKib(pod.pid()) / 1024);
                if (run == RESTARTS) {
                    result("startup", "JVM RSS, local mode, not linked, 10 s idle", rssKib(pod.pid()) / 1024 + " MiB", "");
                }
            } else {
                System.out.printf("%s: ready after %d ms%n", name, readyMs);
            }
            if (run == 0) {
                result("startup", "ready, local mode, first start (initdb)", readyMs + " ms", "");
            } else {
                restarts.add(readyMs);
            }
            stop(pod);
        }
        restarts.sort(null);
        result("startup", "ready after restart, local mode (median, min-max of " + restarts.size() + ")",
                restarts.get(restarts.size() / 2) + " ms (" + restarts.getFirst() + "-" + restarts.getLast() + ")", "<= 1000 ms");
        restartCpu.sort(null);
        // CPU time is what a loaded machine does not distort: wall time ~ CPU time / CPUs the JVM could get
        result("startup", "JVM CPU time until ready after restart, local mode (median, min-max)",
                restartCpu.get(restartCpu.size() / 2) + " ms (" + restartCpu.getFirst() + "-" + restartCpu.getLast() + ")", "");
    }

    static void external(Path dataDir) throws Exception {
        System.out.println("## Kubernetes mode (external database) start-up and idle memory");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            Map<String, String> env = new java.util.HashMap<>(Map.of(
                    "QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"), "QUARKUS_DATASOURCE_USERNAME", "postgres",
                    "QUARKUS_DATASOURCE_PASSWORD", "postgres", "KUBEZAP_SESSION", "bench", "KUBEZAP_NAMESPACE", "bench",
                    "KUBEZAP_API_KEY", KEY, "KUBEZAP_DATA_DIR", dataDir.toString(), "QUARKUS_HTTP_PORT", "18183"));
            Map<String, String> migration = new java.util.HashMap<>(env);
            migration.put("KUBEZAP_CLASS_CACHE", "off"); // the pods' class cache is recorded by the first pod start
            if (launch(migration, dataDir, "migrate").waitFor() != 0) {
                throw new IllegalStateException("migrate failed, see " + dataDir.resolve("pod.log"));
            }
            // no WhatsApp: the engine's connection attempts go to a closed port, as in SchemaMigrationIT
            env.put("BENCH_EXTRA_JAVA_OPTS", "-Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=9 -Dhttp.nonProxyHosts=127.0.0.1|localhost");
            List<Long> walls = new ArrayList<>();
            List<Long> cpus = new ArrayList<>();
            for (int run = 0; run <= RESTARTS; run++) {
                Process pod = launch(env, dataDir);
                long started = System.nanoTime();
                awaitReady(18183);
                long readyMs = (System.nanoTime() - started) / 1_000_000;
                long cpuMs = cpuMillis(pod.pid());
                String classes = loadedClasses(pod.pid());
                System.out.printf("%s: ready after %d ms, JVM CPU time %d ms, classes loaded %s, load %s%n",
                        run == 0 ? "first start (class cache recorded)" : "restart " + run, readyMs, cpuMs, classes, loadAverage());
                if (run > 0) {
                    walls.add(readyMs);
                    cpus.add(cpuMs);
                }
                if (run == RESTARTS) {
                    result("startup", "classes loaded at ready (all / Flyway), external database", classes, "");
                    Thread.sleep(10_000);
                    result("startup", "JVM RSS, external database, not linked, 10 s idle", rssKib(pod.pid()) / 1024 + " MiB", "<= 90 MiB");
                }
                stop(pod);
            }
            walls.sort(null);
            cpus.sort(null);
            result("startup", "ready after restart, external database (median, min-max of " + walls.size() + ")",
                    walls.get(walls.size() / 2) + " ms (" + walls.getFirst() + "-" + walls.getLast() + ")", "<= 1000 ms");
            result("startup", "JVM CPU time until ready after restart, external database (median, min-max)",
                    cpus.get(cpus.size() / 2) + " ms (" + cpus.getFirst() + "-" + cpus.getLast() + "), load " + loadAverage(), "");
        }
    }

    /** Classes the JVM has loaded so far (PerfCounters: from jars plus from the class cache) / of them Flyway's. */
    static String loadedClasses(long pid) throws Exception {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        String counters = new String(new ProcessBuilder(jcmd, Long.toString(pid), "PerfCounter.print").start().getInputStream().readAllBytes());
        long loaded = counter(counters, "java.cls.loadedClasses") + counter(counters, "java.cls.sharedLoadedClasses");
        String hierarchy = new String(new ProcessBuilder(jcmd, Long.toString(pid), "VM.class_hierarchy").start().getInputStream().readAllBytes());
        long flyway = hierarchy.lines().filter(line -> line.contains("org.flywaydb.")).count();
        return loaded + " / " + flyway;
    }

    static long counter(String counters, String name) {
        return counters.lines().filter(line -> line.startsWith(name + "=")).mapToLong(line -> Long.parseLong(line.substring(name.length() + 1)))
                .findFirst().orElseThrow(() -> new IllegalStateException("no " + name + " in jcmd PerfCounter.print"));
    }

    static String loadAverage() throws IOException {
        return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    }

    static void messages(Path dataDir) throws Exception {
        System.out.println("## GET /messages?limit=50 with " + ROWS + " messages in " + SESSIONS + " sessions");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            Map<String, String> env = Map.of("QUARKUS_DATASOURCE_JDBC_URL", url, "QUARKUS_DATASOURCE_USERNAME", "postgres",
                    "QUARKUS_DATASOURCE_PASSWORD", "postgres", "KUBEZAP_SESSION", "bench", "KUBEZAP_NAMESPACE", "bench",
                    "KUBEZAP_API_KEY", KEY, "KUBEZAP_DATA_DIR", dataDir.toString(), "QUARKUS_HTTP_PORT", "18182",
                    "KUBEZAP_SCHEMA_MIGRATE_AT_START", "true");
            Process pod = launch(env, dataDir);
            awaitReady(18182);
            fill(url);
            String base = "http://localhost:18182/api/v1/sessions/bench/messages";
            String scale = String.format("%,d messages / %d sessions", ROWS, SESSIONS);
            measure("newest page, " + scale, base + "?limit=50");
            measure("one chat, " + scale, base + "?limit=50&chat=5511900000007");
            measure("20,000 deep (cursor), " + scale, base + "?limit=50&before=" + cursorDeepInto(base));
            stop(pod);
            // the same after a restart: the first requests of a fresh JVM on a warm database
            Process restarted = launch(env, dataDir);
            long started = System.nanoTime();
            awaitReady(18182);
            result("startup", "ready after restart, external database", (System.nanoTime() - started) / 1_000_000 + " ms", "<= 1000 ms");
            stop(restarted);
        }
    }

    static void result(String area, String metric, String value, String target) {
        System.out.println("BENCH|" + area + "|" + metric + "|" + value + "|" + target);
    }

    /** The pod as users start it on a laptop: session-pod/kubezap-local (its JVM options and class cache), no build. */
    static Process launch(Map<String, String> env, Path dataDir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("session-pod/kubezap-local"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("pod.log").toFile()));
        builder.environment().putAll(env);
        // health on the management port: the API port + 1000 (awaitReady)
        builder.environment().put("QUARKUS_MANAGEMENT_PORT",
                Integer.toString(Integer.parseInt(env.getOrDefault("QUARKUS_HTTP_PORT", "8080")) + 1000));
        builder.environment().put("KUBEZAP_SKIP_BUILD", "1");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("KUBEZAP_JAVA_OPTS", System.getenv().getOrDefault("BENCH_JAVA_OPTS", "") + " "
                + env.getOrDefault("BENCH_EXTRA_JAVA_OPTS", ""));
        return builder.start();
    }

    static void awaitReady(int port) throws InterruptedException {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + (port + 1000) + "/q/health/ready")).build();
        for (long deadline = System.currentTimeMillis() + 120_000; System.currentTimeMillis() < deadline; Thread.sleep(10)) {
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
        }
        throw new IllegalStateException("pod not ready within 120 s");
    }

    static void fill(String url) throws Exception {
        long started = System.nanoTime();
        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres"); Statement sql = db.createStatement()) {
            sql.execute("""
                    insert into messages (namespace, session, id, wa_message_id, chat_jid, sender_jid, direction, type,
                                          text, status, created_at, updated_at)
                    select 'bench', case when g % SESSIONS = 0 then 'bench' else 'bench-' || (g % SESSIONS) end,
                           md5(g::text), 'WA' || g,
                           '55119' || lpad((g / SESSIONS % 1000)::text, 8, '0') || '@s.whatsapp.net',
                           '55119' || lpad((g / SESSIONS % 1000)::text, 8, '0') || '@s.whatsapp.net',
                           case when g % 2 = 0 then 'in' else 'out' end, 'text', 'message number ' || g,
                           case when g % 2 = 0 then 'received' else 'read' end,
                           now() - make_interval(secs => g), now()
                    from generate_series(1, ROWS) g""".replace("ROWS", Integer.toString(ROWS)).replace("SESSIONS", Integer.toString(SESSIONS)));
            sql.execute("analyze messages");
        }
        System.out.printf("stored %d messages in %d s%n", ROWS, (System.nanoTime() - started) / 1_000_000_000);
    }

    static String cursorDeepInto(String base) throws Exception {
        String page = get(base + "?limit=200");
        for (int i = 0; i < 100; i++) {
            String cursor = page.replaceAll("(?s).*\"nextCursor\":\"([^\"]+)\".*", "$1");
            page = get(base + "?limit=200&before=" + cursor);
        }
        return page.replaceAll("(?s).*\"nextCursor\":\"([^\"]+)\".*", "$1");
    }

    static void measure(String name, String url) throws Exception {
        for (int i = 0; i < 500; i++) {
            get(url);
        }
        int n = 2000;
        long[] micros = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            get(url);
            micros[i] = (System.nanoTime() - t) / 1000;
        }
        Arrays.sort(micros);
        System.out.printf("%s: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%d requests after 500 warm-up)%n", name,
                micros[n / 2] / 1000.0, micros[n * 95 / 100] / 1000.0, micros[n * 99 / 100] / 1000.0, micros[n - 1] / 1000.0, n);
        result("messages", "GET /messages?limit=50 p50 / p99, " + name,
                String.format("%.1f / %.1f ms", micros[n / 2] / 1000.0, micros[n * 99 / 100] / 1000.0), "p99 <= 10 ms");
    }

    static String get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("X-Api-Key", KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** user + system CPU time of a process so far (from /proc, clock ticks of 10 ms). */
    static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    static long rssKib(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElse(-1L);
    }

    static void stop(Process pod) throws InterruptedException {
        pod.destroy();
        // a first run on JDK 25 writes the AOT cache as it exits
        if (!pod.waitFor(180, java.util.concurrent.TimeUnit.SECONDS)) {
            pod.destroyForcibly();
        }
    }
}
