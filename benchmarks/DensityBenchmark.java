import io.kubezap.contract.PairingMethod;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.EngineSettings;
import io.kubezap.session.engine.KeyStoreCopy;
import io.kubezap.session.engine.KeyStoreMirror;
import io.kubezap.session.engine.cobalt.CobaltEngine;
import io.kubezap.session.engine.cobalt.EngineTuning;
import io.kubezap.session.engine.version.LastWorkingVersion;
import io.kubezap.session.engine.version.WebVersionDiscovery;
import io.kubezap.session.engine.version.WebVersions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Issue 81: the marginal cost of a WhatsApp session in a JVM that holds many (a session host), with Cobalt.
 *
 * The parent starts an embedded PostgreSQL and the standalone wa-simulator with one phone per session, then a host JVM
 * (the pod's jvm.options, routed to the simulator) that grows to each N of {@code -Dsteps} (default 1,10,50,100): N
 * {@link CobaltEngine}s, each with its own data directory and its key store written through to its own PostgreSQL row
 * (one connection for the host), each linked by QR to its own phone. At each step (and before the first engine), once
 * every engine is Connected and the heap collected: the host's RSS, anonymous RSS and PSS ({@code /proc/<pid>/smaps_rollup}),
 * the machine's MemAvailable, and the host's CPU over {@code -Didle} seconds (default 300). Prints
 * {@code BENCH|density|…} lines for scripts/bench and a table of the deltas per session between steps.
 *
 * Not the pod: no Quarkus, no REST, no outbox, no per-session pool; the key-store mirror is one row per session written
 * whole (the pod's is row-wise, sealed and fenced). It measures what a host cannot share: the engine instances.
 */
public class DensityBenchmark {

    static final Path DIR = Path.of("target/bench/density");
    static final String PHONE_PREFIX = "5511970";
    static final long CLOCK_TICKS = 100;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("host")) {
            Host.run(args[1], args[2], Path.of(args[3]));
            return;
        }
        int[] steps = Arrays.stream(System.getProperty("steps", "1,10,50,100").split(",")).mapToInt(Integer::parseInt).toArray();
        int idle = Integer.getInteger("idle", 300);
        new DensityBenchmark().measure(steps, idle);
    }

    record Reading(int sessions, long rssKib, long anonKib, long pssKib, long availableKib, long idleTicks, int idleSeconds, int threads,
                   String heap) {
    }

    void measure(int[] steps, int idle) throws Exception {
        Files.createDirectories(DIR);
        int most = Arrays.stream(steps).max().orElseThrow();
        Process simulator = null;
        Process host = null;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(DIR.resolve("pg")).setCleanDataDirectory(true).start()) {
            String jdbc = postgres.getJdbcUrl("postgres", "postgres");
            try (Connection c = DriverManager.getConnection(jdbc)) {
                c.createStatement().execute("create table density_keystore (session text primary key, device uuid,"
                        + " keys bytea, store bytea, written_at timestamptz)");
            }
            int controlPort = freePort();
            simulator = new ProcessBuilder(java(), "-Xmx512m", "-jar", simulatorJar(), "--proxy-port=" + freePort(),
                    "--control-port=" + controlPort, "--trust-store=" + DIR.resolve("truststore.p12"))
                    .redirectErrorStream(true).redirectOutput(DIR.resolve("simulator.log").toFile()).start();
            String control = "http://127.0.0.1:" + controlPort;
            await("simulator", 180, () -> get(control + "/api/health").statusCode() == 200);
            String clientOptions = field(get(control + "/api/info").body(), "javaOptions");
            for (int i = 0; i < most; i++) {
                post(control + "/api/phones", "{\"number\":\"" + phone(i) + "\",\"pushName\":\"Host " + i + "\"}", 201);
            }
            long availableBefore = memAvailableKib();
            List<String> command = new ArrayList<>(List.of(java()));
            command.addAll(jvmOptions());
            command.add("-Xmx" + System.getProperty("hostHeap", "3g"));
            command.addAll(Arrays.asList(clientOptions.split(" ")));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "benchmarks/DensityBenchmark.java", "host",
                    jdbc, control, DIR.resolve("data").toString()));
            host = new ProcessBuilder(command).redirectError(DIR.resolve("host.log").toFile()).start();
            var commands = new PrintWriter(host.getOutputStream(), true);
            var answers = new BufferedReader(new InputStreamReader(host.getInputStream()));
            expect(answers, "ready");
            List<Reading> readings = new ArrayList<>();
            readings.add(read(host, commands, answers, 0, idle));
            for (int n : steps) {
                commands.println("grow " + n);
                System.out.println("N=" + n + ": " + expect(answers, "linked"));
                readings.add(read(host, commands, answers, n, idle));
            }
            report(readings, availableBefore);
            commands.println("stop");
            host.waitFor(60, TimeUnit.SECONDS);
        } finally {
            if (host != null) {
                host.destroyForcibly();
            }
            if (simulator != null) {
                simulator.destroyForcibly();
            }
        }
    }

    /** Settles, collects the heap as the pod does once settled (record 0008), then reads memory and the idle CPU. */
    Reading read(Process host, PrintWriter commands, BufferedReader answers, int sessions, int idle) throws Exception {
        Thread.sleep(20_000);
        commands.println("collect");
        expect(answers, "collected");
        Thread.sleep(5_000);
        long[] memory = smapsRollup(host.pid());
        long available = memAvailableKib();
        String heap = jcmd(host.pid(), "GC.heap_info", sessions);
        jcmd(host.pid(), "GC.class_histogram", sessions);
        long before = cpuTicks(host.pid());
        Thread.sleep(idle * 1000L);
        Reading reading = new Reading(sessions, memory[0], memory[1], memory[2], available, cpuTicks(host.pid()) - before, idle,
                threads(host.pid()), heap);
        System.out.println(reading + "  load: " + Files.readString(Path.of("/proc/loadavg")).trim());
        return reading;
    }

    void report(List<Reading> readings, long availableBefore) throws IOException {
        System.out.println("load average at the end: " + Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println("| sessions | host RSS | anon | PSS | MemAvailable used since before the host | idle CPU of the host | per session | threads |");
        for (Reading r : readings) {
            double millicores = r.idleTicks() * 1000.0 / CLOCK_TICKS / r.idleSeconds();
            System.out.printf(Locale.ROOT, "| %d | %s | %s | %s | %s | %.2fm | %s | %d |%n", r.sessions(), mib(r.rssKib()), mib(r.anonKib()),
                    mib(r.pssKib()), mib(availableBefore - r.availableKib()), millicores,
                    r.sessions() == 0 ? "—" : String.format(Locale.ROOT, "%.3fm", millicores / r.sessions()), r.threads());
            System.out.println("  heap at " + r.sessions() + ": " + r.heap());
            result("host at " + r.sessions() + " sessions: RSS / anon / PSS", mib(r.rssKib()) + " / " + mib(r.anonKib()) + " / " + mib(r.pssKib()));
            result("host at " + r.sessions() + " sessions: idle CPU over " + r.idleSeconds() + " s",
                    String.format(Locale.ROOT, "%.2fm", millicores));
        }
        for (int i = 1; i < readings.size(); i++) {
            Reading from = readings.get(i - 1);
            Reading to = readings.get(i);
            int added = to.sessions() - from.sessions();
            result("per session added, " + from.sessions() + " → " + to.sessions() + ": PSS / RSS / anon / MemAvailable",
                    mib((to.pssKib() - from.pssKib()) / added) + " / " + mib((to.rssKib() - from.rssKib()) / added) + " / "
                            + mib((to.anonKib() - from.anonKib()) / added) + " / " + mib((from.availableKib() - to.availableKib()) / added));
        }
    }

    static void result(String metric, String value) {
        System.out.println("BENCH|density|" + metric + "|" + value + "|");
    }

    static String mib(long kib) {
        return String.format(Locale.ROOT, "%.1f MiB", kib / 1024.0);
    }

    /** Rss, Anonymous and Pss of /proc/pid/smaps_rollup, in KiB. */
    static long[] smapsRollup(long pid) throws IOException {
        long[] values = new long[3];
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
            String[] parts = line.trim().split("\\s+");
            switch (parts[0]) {
                case "Rss:" -> values[0] = Long.parseLong(parts[1]);
                case "Anonymous:" -> values[1] = Long.parseLong(parts[1]);
                case "Pss:" -> values[2] = Long.parseLong(parts[1]);
                default -> { }
            }
        }
        return values;
    }

    /** Runs jcmd on the host, keeps its output beside the logs, returns its lines of totals (the heap's generations). */
    static String jcmd(long pid, String command, int sessions) throws Exception {
        Path out = DIR.resolve(command + "-" + sessions + ".txt");
        new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid), command)
                .redirectErrorStream(true).redirectOutput(out.toFile()).start().waitFor(120, TimeUnit.SECONDS);
        return String.join("; ", Files.readAllLines(out).stream().map(String::trim)
                .filter(line -> line.contains(" total ")).map(line -> line.replaceAll(" \\[0x.*", "")).toList());
    }

    static int threads(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(line -> line.startsWith("Threads:"))
                .mapToInt(line -> Integer.parseInt(line.split("\\s+")[1])).findFirst().orElse(-1);
    }

    static long memAvailableKib() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(line -> line.startsWith("MemAvailable:"))
                .mapToLong(line -> Long.parseLong(line.trim().split("\\s+")[1])).findFirst().orElseThrow();
    }

    /** utime + stime of the process, all its threads, in clock ticks. */
    static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    static List<String> jvmOptions() throws IOException {
        return Files.readAllLines(Path.of("images/session-pod/jvm.options")).stream()
                .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    static String expect(BufferedReader answers, String word) throws IOException {
        for (String line; (line = answers.readLine()) != null; ) {
            if (line.startsWith("DENSITY|" + word)) {
                return line;
            }
            if (line.startsWith("DENSITY|failed")) {
                throw new IllegalStateException("the host failed: " + line + " (see " + DIR.resolve("host.log") + ")");
            }
        }
        throw new IllegalStateException("the host ended before '" + word + "' (see " + DIR.resolve("host.log") + ")");
    }

    static String phone(int index) {
        return PHONE_PREFIX + String.format("%04d", index);
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String simulatorJar() throws IOException {
        try (var files = Files.list(Path.of("wa-simulator/target"))) {
            return files.map(Path::toString).filter(name -> name.endsWith("-standalone.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build wa-simulator first: no standalone jar in wa-simulator/target"));
        }
    }

    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String field(String json, String name) {
        int start = json.indexOf('"', json.indexOf(':', json.indexOf("\"" + name + "\"")) + 1) + 1;
        return json.substring(start, json.indexOf('"', start));
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static void post(String url, String body, int expected) throws IOException, InterruptedException {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void await(String what, int seconds, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            try {
                if (check.ok()) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(what + " not within " + seconds + " s");
    }

    /** The host JVM: N Cobalt engines, grown on the parent's command, each linked to its own simulated phone. */
    static final class Host {

        private final String control;
        private final Path dataRoot;
        private final Connection database;
        private final WebVersions versions = new WebVersions(Optional.empty(),
                new WebVersionDiscovery(URI.create("https://web.whatsapp.com/sw.js"), Duration.ofSeconds(30)), LastWorkingVersion.NONE);
        private final List<CobaltEngine> engines = new ArrayList<>();

        private Host(String jdbc, String control, Path dataRoot) throws SQLException {
            this.control = control;
            this.dataRoot = dataRoot;
            this.database = DriverManager.getConnection(jdbc);
        }

        static void run(String jdbc, String control, Path dataRoot) throws Exception {
            var host = new Host(jdbc, control, dataRoot);
            var commands = new BufferedReader(new InputStreamReader(System.in));
            System.out.println("DENSITY|ready");
            for (String line; (line = commands.readLine()) != null; ) {
                String[] words = line.split(" ");
                try {
                    switch (words[0]) {
                        case "grow" -> host.grow(Integer.parseInt(words[1]));
                        case "collect" -> {
                            System.gc();
                            System.out.println("DENSITY|collected");
                        }
                        case "stop" -> {
                            host.engines.forEach(CobaltEngine::shutdown);
                            System.exit(0);
                        }
                        default -> throw new IllegalArgumentException(line);
                    }
                } catch (Exception e) {
                    e.printStackTrace();
                    System.out.println("DENSITY|failed|" + e);
                }
            }
        }

        /** Starts engines up to {@code total}, ten linking at a time, and answers once every one is Connected. */
        void grow(int total) throws Exception {
            long started = System.nanoTime();
            int from = engines.size();
            var connected = new CountDownLatch(total - from);
            var linking = Executors.newFixedThreadPool(10);
            for (int i = from; i < total; i++) {
                int index = i;
                linking.submit(() -> link(index, connected));
            }
            linking.shutdown();
            if (!connected.await(15, TimeUnit.MINUTES)) {
                throw new IllegalStateException((total - from - connected.getCount()) + " of " + (total - from) + " connected");
            }
            System.out.printf(Locale.ROOT, "DENSITY|linked|%d sessions, %d added in %.1f s%n", total, total - from,
                    (System.nanoTime() - started) / 1e9);
        }

        private Void link(int index, CountDownLatch connected) throws Exception {
            var name = "s" + index;
            var settings = new EngineSettings(name, Files.createDirectories(dataRoot.resolve(name)), PairingMethod.QR, Optional.empty());
            var linked = new CountDownLatch(1);
            var engine = new CobaltEngine(() -> settings, () -> versions, EngineTuning.DEFAULT, Clock.systemUTC(), new RowMirror(name));
            synchronized (engines) {
                engines.add(engine);
            }
            engine.start(event -> {
                if (event instanceof EngineEvent.QrIssued qr) {
                    Thread.ofVirtual().start(() -> scan(index, qr.payload()));
                } else if (event instanceof EngineEvent.Connected) {
                    linked.countDown();
                }
            });
            // a linking slot is held until this one is Connected, so at most ten link at once
            linked.await(10, TimeUnit.MINUTES);
            connected.countDown();
            return null;
        }

        private void scan(int index, String payload) {
            try {
                post(control + "/api/phones/" + phone(index) + "/scan", "{\"qr\":\"" + payload + "\"}", 200);
            } catch (Exception e) {
                System.err.println("scan " + index + ": " + e);
            }
        }

        /** Storage mode Database in miniature: the session's key store written through to its own row, the host's one connection. */
        final class RowMirror implements KeyStoreMirror {

            private final String session;

            RowMirror(String session) {
                this.session = session;
            }

            @Override
            public void changed(Supplier<Optional<KeyStoreCopy>> current) {
                current.get().ifPresent(this::write);
            }

            private void write(KeyStoreCopy copy) {
                synchronized (database) {
                    try (var statement = database.prepareStatement("insert into density_keystore values (?, ?, ?, ?, ?)"
                            + " on conflict (session) do update set device = excluded.device, keys = excluded.keys,"
                            + " store = excluded.store, written_at = excluded.written_at")) {
                        statement.setString(1, session);
                        statement.setObject(2, copy.device());
                        statement.setBytes(3, copy.keys());
                        statement.setBytes(4, copy.store());
                        statement.setTimestamp(5, Timestamp.from(copy.writtenAt()));
                        statement.executeUpdate();
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }

            @Override
            public void forget(UUID device) {
            }

            @Override
            public boolean flush(Duration patience) {
                return true;
            }

            @Override
            public Optional<KeyStoreCopy> read() {
                return Optional.empty();
            }
        }
    }
}
