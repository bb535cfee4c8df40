import com.sun.net.httpserver.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Session pod memory benchmark (not a test). Run from the repository root after a package build of
 * session-pod and wa-simulator:
 *   java -cp "session-pod/target/quarkus-app/lib/main/*" benchmarks/MemoryBenchmark.java [variant...]
 * For each JVM flag variant: an embedded PostgreSQL, the standalone WhatsApp simulator (its jar, as users run
 * the sandbox), a loopback webhook receiver, and the packaged session pod routed to the simulator with the
 * options the simulator's /api/info prints. The pod is linked by QR, one chat exchanges a text each way, then
 * the pod idles IDLE seconds (default 60) and its resident memory (VmRSS) and the CPU it used meanwhile are read; then a burst of BURST texts
 * in and BURST out (default 200 each, pacing off) with the webhook endpoint receiving every event, and RSS read
 * again after SETTLE seconds (default 60). With -Dnmt=true the pod also runs with Native Memory Tracking and
 * the script prints its summary, class count and thread count (NMT itself costs a few MiB of RSS). -Didle-only=true
 * stops after the idle reading; -Dinspect=DIR writes what the idle pod holds there
 * (docs/benchmarks/2026-11-25-smaller-session-part-1-budget.md), with its RSS by mapping in mappings.txt
 * (docs/benchmarks/2026-11-27-idle-rss-by-mapping.md). The schema is migrated first by the release's
 * migrate command, as the chart's Job does
 * (-Dmigrate-at-start=true: the pod applies it itself, as before).
 * Variants: image (the container image: JAVA_TOOL_OPTIONS of images/session-pod/Dockerfile, jvm.options, its
 * AOT cache trained by aot-train.sh, the operator's 512Mi memory limit as -XX:MaxRAM), image-before (the image's
 * options before issue 20), local (the pod started by session-pod/kubezap-local, its options and its class cache,
 * recorded by a first start), node (Baileys 6 from npm, scripts/baileys: 6.17.16, the lightest current client), node7 (the same client on the Baileys the
 * pod's Baileys engine runs: the bridge's package, 7.x, installed there by npm ci),
 * or "custom:<options>" for anything else (DATA stands for the pod's data directory). Options naming
 * -XX:AOTCache=<file> get a training run first. A pod variant ending in "@Baileys" (image@Baileys) runs the pod's Baileys
 * engine (KUBEZAP_ENGINE=Baileys, the bridge of this checkout, its packages installed by npm ci): its RSS is the JVM's
 * plus its node child's. For each pod variant the script also times the start (launch to ready, to the first QR) and a
 * restart once linked (launch to ready, to Connected), and prints the accept latency of POST /messages.
 * "<variant>%NAME=value,…" adds to the pod's environment (and its AOT training run's), "image+<option>,<option>…" to the image's JVM options, and
 * "<variant>#DIR" runs another build of the pod (its quarkus-app directory), e.g. one without an extension.
 * -Dside-by-side=true runs the variants at the same time (each with its own database and simulator), reads their idle
 * memory at the same moment, so that the machine's load weighs on all of them alike, and stops there (as idle-only);
 * -Dlater=SECONDS reads them all again that long after the idle reading, before the full collection;
 * -Drounds=N repeats that N times and prints each round, the medians and, per round, the first variant's ratio to each
 * other one (the image's AOT cache is trained once and copied into the later rounds). The way issue 50's pod ÷ Baileys
 * ratio is measured (docs/benchmarks/2026-11-26-smaller-session-part-4-pod-and-baileys.md).
 */
public class MemoryBenchmark {

    static final String KEY = "benchmark-api-key-0123456789";
    static final String OWNER = "5511999990001";
    static final String CUSTOMER = "5511988880002";
    static final int IDLE = Integer.getInteger("idle", 60);
    static final int SETTLE = Integer.getInteger("settle", 60);
    static final int BURST = Integer.getInteger("burst", 200);
    static final boolean NMT = Boolean.getBoolean("nmt");
    static final int ACCEPTS = Integer.getInteger("accepts", 500);
    /**
     * -Dmigrate-at-start=true: the pod applies the schema itself (Flyway in its JVM), as before issue 50 part 5. By
     * default the schema is migrated first by the release's {@code migrate} command, as the chart's Job does, and the
     * pod only checks it, as in a cluster.
     */
    static final boolean MIGRATE_AT_START = Boolean.getBoolean("migrate-at-start");
    /** -Didle-only=true: stop after the idle reading (no burst, no restart). */
    static final boolean IDLE_ONLY = Boolean.getBoolean("idle-only");
    /** -Dinspect=DIR: at the idle reading, write NMT's summary, the loaded classes by package and the threads there. */
    static final String INSPECT = System.getProperty("inspect");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The probes as the kubelet sends them: HTTP/1.1, no h2c upgrade asked of the management interface (it would answer one). */
    static final HttpClient KUBELET = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    static final String FORK_JOIN = "-Djava.util.concurrent.ForkJoinPool.common.parallelism=8";
    static final String LAUNCHER = "session-pod/kubezap-local";
    static final boolean SIDE_BY_SIDE = Boolean.getBoolean("side-by-side");
    static final int ROUNDS = Integer.getInteger("rounds", 1);
    /** Side by side: every variant waits here once linked, and again before its reading, so all read at one moment. */
    static volatile java.util.concurrent.CyclicBarrier together;
    /** Side by side: each variant's idle reading of the current round. */
    static final Map<String, Reading> READINGS = new ConcurrentHashMap<>();
    /** Side by side: each variant's reading of the current round 3 s after a full collection of its heap (JVM or V8). */
    static final Map<String, Reading> COLLECTED = new ConcurrentHashMap<>();
    /** Side by side, -Dlater=SECONDS: each variant's reading that long after its idle reading (before the full collection). */
    static final Map<String, Reading> LATER_READINGS = new ConcurrentHashMap<>();
    static final int LATER = Integer.getInteger("later", 0);
    /** Side by side: the AOT cache each variant trained in its first round, copied into the later rounds. */
    static final Map<String, Path> TRAINED = new ConcurrentHashMap<>();
    /** The pod environment a variant adds ("<variant>%NAME=value"), for the thread that runs it. */
    static final ThreadLocal<Map<String, String>> VARIANT_ENVIRONMENT = ThreadLocal.withInitial(Map::of);
    /**
     * The packaged pod a variant runs ("<variant>#DIR": another build's quarkus-app, to compare two builds; for local,
     * DIR's tree holds the launcher too: DIR/../../kubezap-local and its images/session-pod/jvm.options).
     */
    static final ThreadLocal<String> VARIANT_APP = ThreadLocal.withInitial(() -> "session-pod/target/quarkus-app");

    /** An idle reading: resident and anonymous memory of the client with its children, and the load average then. */
    record Reading(long rssKib, long anonymousKib, String load) {
        String mib() {
            return rssKib / 1024 + " (" + anonymousKib / 1024 + ")";
        }
    }

    /** Options of images/session-pod (Dockerfile JAVA_TOOL_OPTIONS + run.sh) and of session-pod/kubezap-local. */
    static final Map<String, String> VARIANTS = Map.of(
            "image", imageOptions(),
            // the image before issue 20 (JAVA_TOOL_OPTIONS and run.sh of commit dafb367), for comparison
            "image-before", "-XX:MaxRAM=512m -XX:MaxRAMPercentage=75 -Djava.util.logging.manager=org.jboss.logmanager.LogManager " + FORK_JOIN,
            "local", LAUNCHER);

    /** The image as it runs: JAVA_TOOL_OPTIONS of its Dockerfile, jvm.options, its AOT cache (trained first), a 512Mi limit. */
    static String imageOptions() {
        try {
            String dockerfile = Files.readString(Path.of("images/session-pod/Dockerfile"));
            Matcher m = Pattern.compile("JAVA_TOOL_OPTIONS=\"([^\"]*)\"").matcher(dockerfile);
            String tool = m.find() ? m.group(1) : "";
            String jvmOptions = String.join(" ", Files.readAllLines(Path.of("images/session-pod/jvm.options")));
            return ("-XX:MaxRAM=512m " + tool + " " + jvmOptions + " -XX:AOTCache=DATA/session-pod.aot").replaceAll("\\s+", " ").trim();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
        List<String> variants = args.length == 0 ? List.of("image", "local") : List.of(args);
        if (SIDE_BY_SIDE) {
            sideBySide(variants);
            return;
        }
        Map<String, String> results = new LinkedHashMap<>();
        for (String variant : variants) {
            results.put(variant, run(variant));
        }
        System.out.println();
        System.out.println("| variant | RSS idle " + IDLE + " s | RSS " + SETTLE + " s after burst | JVM options |");
        results.forEach((variant, line) -> System.out.println(line));
    }

    /** Every variant at once, read at the same moment, ROUNDS times; each round's readings, medians and ratios. */
    static void sideBySide(List<String> variants) throws Exception {
        List<Map<String, Reading>> idle = new ArrayList<>();
        List<Map<String, Reading>> later = new ArrayList<>();
        List<Map<String, Reading>> collected = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            READINGS.clear();
            COLLECTED.clear();
            LATER_READINGS.clear();
            together = new java.util.concurrent.CyclicBarrier(variants.size());
            List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
            Map<String, Exception> failures = new ConcurrentHashMap<>();
            for (String variant : variants) {
                threads.add(Thread.ofPlatform().name("bench-" + variant).start(() -> {
                    try {
                        run(variant);
                    } catch (Exception e) {
                        failures.put(variant, e);
                        System.out.println("round failed, " + variant + ": " + e);
                        // the others may wait at the barrier, or reach it only later (a reset would then leave them
                        // waiting for this variant until the barrier's timeout): stop them all now
                        threads.stream().filter(other -> other != Thread.currentThread()).forEach(Thread::interrupt);
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
            if (!failures.isEmpty()) {
                int failed = round;
                failures.forEach((variant, e) -> System.out.println("round " + failed + ", " + variant + " failed: " + e));
                continue;
            }
            idle.add(new LinkedHashMap<>(READINGS));
            collected.add(new LinkedHashMap<>(COLLECTED));
            later.add(new LinkedHashMap<>(LATER_READINGS));
            System.out.println("round " + round + ": idle " + READINGS + (LATER > 0 ? "; " + LATER + " s later " + LATER_READINGS : "")
                    + "; after a full collection " + COLLECTED);
        }
        if (idle.isEmpty()) {
            throw new IllegalStateException("no round completed");
        }
        summary(variants, idle, IDLE + " s idle");
        if (LATER > 0) {
            summary(variants, later, IDLE + LATER + " s idle");
        }
        summary(variants, collected, "after a full collection (jcmd GC.run; V8's gc())");
    }

    /** Each round's readings, the medians and the first variant's median ratio to each other one. */
    static void summary(List<String> variants, List<Map<String, Reading>> rounds, String moment) {
        String first = variants.get(0);
        System.out.println();
        System.out.println("Linked, one chat, " + moment + ", RSS (anonymous) in MiB:");
        System.out.println("| round | " + String.join(" | ", variants) + " | load (1, 5, 15 min) | "
                + variants.stream().skip(1).map(v -> first + " ÷ " + v + ", RSS / anonymous").collect(java.util.stream.Collectors.joining(" | ")) + " |");
        for (int i = 0; i < rounds.size(); i++) {
            Map<String, Reading> r = rounds.get(i);
            StringBuilder row = new StringBuilder("| " + (i + 1) + " | ");
            variants.forEach(v -> row.append(r.get(v).mib()).append(" | "));
            row.append(r.get(first).load()).append(" |");
            variants.stream().skip(1).forEach(v -> row.append(' ').append(ratio(r.get(first), r.get(v))).append(" |"));
            System.out.println(row);
        }
        StringBuilder medians = new StringBuilder("| median | ");
        for (String v : variants) {
            long rss = median(rounds.stream().mapToLong(r -> r.get(v).rssKib()).toArray());
            long anonymous = median(rounds.stream().mapToLong(r -> r.get(v).anonymousKib()).toArray());
            medians.append(new Reading(rss, anonymous, "").mib()).append(" | ");
            result("RSS (anonymous), linked, one chat, " + moment + ", side by side, median of " + rounds.size() + ": " + v,
                    new Reading(rss, anonymous, "").mib() + " MiB", "");
        }
        medians.append(" |");
        for (String v : variants.stream().skip(1).toList()) {
            double rss = medianRatio(rounds, first, v, Reading::rssKib);
            double anonymous = medianRatio(rounds, first, v, Reading::anonymousKib);
            medians.append(String.format(" %.2f / %.2f |", rss, anonymous));
            result("RSS / anonymous " + first + " ÷ " + v + ", " + moment + ", same moment, median of " + rounds.size() + " rounds",
                    String.format("%.2f / %.2f", rss, anonymous), "<= 1.3 / 1.3");
        }
        System.out.println(medians);
    }

    static String ratio(Reading a, Reading b) {
        return String.format("%.2f / %.2f", (double) a.rssKib() / b.rssKib(), (double) a.anonymousKib() / b.anonymousKib());
    }

    static long median(long[] values) {
        Arrays.sort(values);
        return values.length % 2 == 1 ? values[values.length / 2] : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
    }

    static double medianRatio(List<Map<String, Reading>> rounds, String a, String b, java.util.function.ToLongFunction<Reading> measure) {
        double[] ratios = rounds.stream().mapToDouble(r -> (double) measure.applyAsLong(r.get(a)) / measure.applyAsLong(r.get(b))).sorted().toArray();
        return ratios.length % 2 == 1 ? ratios[ratios.length / 2] : (ratios[ratios.length / 2 - 1] + ratios[ratios.length / 2]) / 2;
    }

    static String run(String variant) throws Exception {
        Path dir = Files.createTempDirectory("kubezap-memory-bench");
        // "<variant>%NAME=value,NAME=value": the pod's environment gets these too (MALLOC_ARENA_MAX=2, say)
        String named = variant.contains("%") ? variant.substring(0, variant.indexOf('%')) : variant;
        Map<String, String> environment = new LinkedHashMap<>();
        for (String pair : variant.contains("%") ? variant.substring(variant.indexOf('%') + 1).split(",") : new String[0]) {
            environment.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        VARIANT_ENVIRONMENT.set(environment);
        VARIANT_APP.remove();
        if (named.contains("#")) {
            VARIANT_APP.set(named.substring(named.indexOf('#') + 1));
            named = named.substring(0, named.indexOf('#'));
        }
        String engine = named.endsWith("@Baileys") ? "Baileys" : "Cobalt";
        String jvm = named.endsWith("@Baileys") ? named.substring(0, named.length() - "@Baileys".length()) : named;
        // "image+<options>": the image's options and these (commas between them), its own cache trained with them
        String options = jvm.equals("node") ? "Baileys " + baileysVersion(installedBaileys()) + " (scripts/baileys), node " + nodeVersion()
                : jvm.equals("node7") ? "Baileys " + bridgeBaileysVersion() + " (scripts/baileys with the package of " + bridgeDir() + "), node " + nodeVersion()
                : jvm.startsWith("image+") ? imageOptions() + " " + jvm.substring(6).replace(',', ' ')
                : jvm.startsWith("custom:") ? jvm.substring(7) : VARIANTS.get(jvm);
        if (options == null) {
            throw new IllegalArgumentException("unknown variant " + variant + " (image, local, custom:<options>, each optionally @Baileys)");
        }
        options = options.replace("DATA", dir.resolve("data").toString());
        Files.createDirectories(dir.resolve("data"));
        Matcher cache = Pattern.compile("-XX:AOTCache=(\\S+)").matcher(options);
        if (SIDE_BY_SIDE && cache.find() && TRAINED.containsKey(variant)) {
            Files.copy(TRAINED.get(variant), Path.of(cache.group(1)));
        }
        trainAotCache(options, dir);
        if (SIDE_BY_SIDE && cache.find(0) && !TRAINED.containsKey(variant)) {
            Path kept = Files.createTempFile("kubezap-memory-bench-aot", ".aot");
            Files.copy(Path.of(cache.group(1)), kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            kept.toFile().deleteOnExit();
            TRAINED.put(variant, kept);
        }
        System.out.println("## " + variant + ": " + options);
        Map<String, AtomicInteger> hooks = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            hooks.computeIfAbsent(String.valueOf(exchange.getRequestHeaders().getFirst("X-Kubezap-Event")), k -> new AtomicInteger())
                    .incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String hookUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        Path webhooks = Files.writeString(dir.resolve("webhooks.json"),
                "[{\"url\": \"" + hookUrl + "\", \"secret\": \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}]");
        Process simulator = null;
        Process pod = null;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(dir.resolve("pg")).setCleanDataDirectory(true).start()) {
            int controlPort = freePort();
            simulator = new ProcessBuilder(java(), "-Xmx256m", "-jar", simulatorJar(), "--proxy-port=" + freePort(),
                    "--control-port=" + controlPort, "--trust-store=" + dir.resolve("truststore.p12"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("simulator.log").toFile()).start();
            String control = "http://127.0.0.1:" + controlPort;
            // four simulators start at once beside the pods' training runs: one took over 60 s on the loaded machine
            await("simulator", 180, () -> status(get(control + "/api/health")) == 200);
            String clientOptions = field(get(control + "/api/info").body(), "javaOptions");
            post(control + "/api/phones", "{\"number\":\"" + OWNER + "\",\"pushName\":\"Loja\"}", 201);
            post(control + "/api/phones", "{\"number\":\"" + CUSTOMER + "\",\"pushName\":\"Cliente\"}", 201);

            if (!baileysAlone(variant) && !MIGRATE_AT_START) {
                migrate(dir, postgres);
            }
            long launched = System.nanoTime();
            Session session = baileysAlone(variant)
                    ? startBaileys(dir, control, hookUrl, variant.equals("node7"))
                    : startPod(dir, options, clientOptions, postgres, webhooks, true, engine);
            pod = session.process();
            double readySeconds = (System.nanoTime() - launched) / 1e9;
            String[] qr = new String[1];
            await("QR", 180, () -> {
                qr[0] = session.qr();
                return qr[0] != null && qr[0].startsWith("2@");
            });
            String firstStart = String.format("%.1f s / %.1f s", readySeconds, (System.nanoTime() - launched) / 1e9);
            System.out.printf("%s: first start, ready / QR after %s%n", variant, firstStart);
            post(control + "/api/phones/" + OWNER + "/scan", "{\"qr\":\"" + qr[0] + "\"}", 200);
            await("Connected", 180, session::connected);
            post(control + "/api/phones/" + CUSTOMER + "/messages", "{\"to\":\"" + OWNER + "\",\"text\":\"Oi, abrem sábado?\"}", 202);
            session.send(CUSTOMER, "Abrimos, das 9 às 13.");
            await("one chat both ways", 120, () -> count(hooks, "message.received") >= 1 && count(hooks, "message.sent") >= 1);

            if (SIDE_BY_SIDE) {
                together.await(30, TimeUnit.MINUTES);
            }
            long cpuBefore = treeCpuTicks(pod.pid());
            Map<String, long[]> threadsBefore = threadActivity(pod.pid());
            Thread.sleep(IDLE * 1000L);
            // CPU of the idle pod (JVM and node child): clock ticks of /proc/<pid>/stat over the idle period, as millicores
            long idleTicks = treeCpuTicks(pod.pid()) - cpuBefore;
            result("CPU, connected, one chat, " + IDLE + " s idle (millicores): " + variant,
                    String.format(Locale.ROOT, "%.2fm (%d ticks)", idleTicks * 1000.0 / CLOCK_TICKS / IDLE, idleTicks), "");
            System.out.printf("%s: threads active over the %d s idle period (CPU ticks, wake-ups):%n%s", variant, IDLE,
                    busiestThreads(threadsBefore, threadActivity(pod.pid())));
            if (SIDE_BY_SIDE) {
                together.await(5, TimeUnit.MINUTES);
                READINGS.put(variant, reading(pod.pid()));
                if (LATER > 0) {
                    Thread.sleep(LATER * 1000L);
                    together.await(5, TimeUnit.MINUTES);
                    LATER_READINGS.put(variant, reading(pod.pid()));
                }
                session.collect();
                together.await(5, TimeUnit.MINUTES);
                Thread.sleep(3000);
                together.await(5, TimeUnit.MINUTES);
                COLLECTED.put(variant, reading(pod.pid()));
            }
            long idle = rssKib(pod.pid());
            String idleTree = treeMemory(pod.pid());
            System.out.printf("%s: RSS after %d s idle, connected: %d MiB, %s%n", variant, IDLE, idle / 1024, diagnostics(pod.pid()));
            if (INSPECT != null) {
                inspect(pod.pid(), Path.of(INSPECT, inspectionName(variant) + (ROUNDS > 1 ? "-" + System.nanoTime() : "")));
            }
            if (IDLE_ONLY || SIDE_BY_SIDE) {
                result("RSS, connected, one chat, " + IDLE + " s idle: " + variant, idleTree, "");
                return "| " + variant + " | " + idleTree + " | — | `" + options + "` |";
            }

            int receivedBefore = count(hooks, "message.received");
            int sentBefore = count(hooks, "message.sent");
            long burstStart = System.nanoTime();
            long[] acceptMicros = new long[BURST];
            for (int i = 0; i < BURST; i++) {
                post(control + "/api/phones/" + CUSTOMER + "/messages", "{\"to\":\"" + OWNER + "\",\"text\":\"pedido " + i + "\"}", 202);
                long t = System.nanoTime();
                session.send(CUSTOMER, "recebido " + i);
                acceptMicros[i] = (System.nanoTime() - t) / 1000;
            }
            Arrays.sort(acceptMicros);
            String accept = String.format("%.1f / %.1f ms", acceptMicros[BURST / 2] / 1000.0, acceptMicros[BURST * 99 / 100] / 1000.0);
            System.out.printf("%s: send accepted p50 / p99 %s over %d sends during the burst%n", variant, accept, BURST);
            try {
                await("burst delivered", 600, () -> count(hooks, "message.received") - receivedBefore >= BURST
                        && count(hooks, "message.sent") - sentBefore >= BURST);
            } catch (IllegalStateException stalled) {
                throw new IllegalStateException(stalled.getMessage() + "; " + keepEvidence(dir, pod, postgres, hooks), stalled);
            }
            long peak = rssKib(pod.pid());
            System.out.printf("%s: burst of %d in + %d out, all webhooks delivered after %.1f s, RSS %d MiB%n", variant, BURST, BURST,
                    (System.nanoTime() - burstStart) / 1e9, peak / 1024);
            Thread.sleep(SETTLE * 1000L);
            long settled = rssKib(pod.pid());
            String settledTree = treeMemory(pod.pid());
            System.out.printf("%s: RSS %d s after the burst: %d MiB, %s%n", variant, SETTLE, settled / 1024, diagnostics(pod.pid()));
            if (NMT) {
                System.out.println(jcmd(pod.pid(), "VM.native_memory", "summary"));
            }
            String quietAccept = "";
            String keptAliveAccept = "";
            if (!baileysAlone(variant)) {
                // accept latency on its own: sequential sends, nothing arriving, after 50 unmeasured ones
                long[] quiet = new long[ACCEPTS];
                for (int i = -50; i < ACCEPTS; i++) {
                    long t = System.nanoTime();
                    session.send(CUSTOMER, "confirmado " + i);
                    if (i >= 0) {
                        quiet[i] = (System.nanoTime() - t) / 1000;
                    }
                }
                Arrays.sort(quiet);
                quietAccept = String.format("%.1f / %.1f ms", quiet[ACCEPTS / 2] / 1000.0, quiet[ACCEPTS * 99 / 100] / 1000.0);
                System.out.printf("%s: send accepted p50 / p99 %s over %d sequential sends, nothing arriving%n", variant, quietAccept, ACCEPTS);
                keptAliveAccept = KeptAliveClient.sequentialAccepts(session.api() + "/messages", CUSTOMER, ACCEPTS);
                System.out.printf("%s: send accepted p50 / p99 %s over %d sequential sends, Vert.x client%n", variant, keptAliveAccept, ACCEPTS);
            }
            result("RSS, connected, one chat, " + IDLE + " s idle: " + variant, idleTree, "<= 90 MiB");
            result("RSS " + SETTLE + " s after " + BURST + " in + " + BURST + " out with a webhook: " + variant, settledTree, "<= 110 MiB");
            if (!baileysAlone(variant)) {
                stop(pod);
                long restarted = System.nanoTime();
                Session again = startPod(dir, options, clientOptions, postgres, webhooks, false, engine);
                pod = again.process();
                double againReady = (System.nanoTime() - restarted) / 1e9;
                await("Connected after the restart", 180, again::connected);
                String restart = String.format("%.1f s / %.1f s", againReady, (System.nanoTime() - restarted) / 1e9);
                System.out.printf("%s: restart once linked, ready / Connected after %s%n", variant, restart);
                result("start, not linked: launch to ready / to the first QR: " + variant, firstStart, "");
                result("restart, linked: launch to ready / to Connected: " + variant, restart, "");
                result("POST /messages accept p50 / p99, pacing off, during the burst: " + variant, accept, "p99 <= 10 ms");
                result("POST /messages accept p50 / p99, pacing off, " + ACCEPTS + " sequential: " + variant, quietAccept, "p99 <= 10 ms");
                result("POST /messages accept p50 / p99, pacing off, " + ACCEPTS + " sequential, Vert.x client: " + variant, keptAliveAccept, "p99 <= 10 ms");
            }
            return "| " + variant + " | " + idleTree + " | " + settledTree + " | `" + options + "` |";
        } finally {
            stop(pod);
            stop(simulator);
            receiver.stop(0);
        }
    }

    /**
     * A burst that never finished: what the pod's threads were doing and where its messages and deliveries stood, written
     * beside its log (the client's threads: a JVM's, or nothing for Node.js) before the pod and the database are stopped.
     */
    static String keepEvidence(Path dir, Process client, EmbeddedPostgres postgres, Map<String, AtomicInteger> hooks) {
        StringBuilder state = new StringBuilder("webhooks received: " + hooks + "\n");
        try (var db = postgres.getPostgresDatabase().getConnection(); var sql = db.createStatement()) {
            for (String query : List.of("select 'outbound ' || state, count(*) from outbound_queue group by state",
                    "select 'delivery ' || status || ' ' || event_type, count(*) from webhook_deliveries group by status, event_type",
                    "select 'message ' || direction || ' ' || status, count(*) from messages group by direction, status")) {
                try (var rows = sql.executeQuery(query)) {
                    while (rows.next()) {
                        state.append(rows.getString(1)).append(": ").append(rows.getLong(2)).append('\n');
                    }
                } catch (java.sql.SQLException e) {
                    state.append(query).append(": ").append(e.getMessage()).append('\n');
                }
            }
            Files.writeString(dir.resolve("stalled-state.txt"), state);
            Files.writeString(dir.resolve("stalled-threads.txt"), jcmd(client.pid(), "Thread.print", "-e"));
        } catch (Exception e) {
            return "evidence incomplete (" + e + "), see " + dir;
        }
        return "thread dump, queue and delivery states in " + dir;
    }

    /** The WhatsApp client under measurement: the session pod, or Baileys for comparison. */
    interface Session {
        Process process();

        String qr() throws Exception;

        boolean connected() throws Exception;

        void send(String to, String text) throws Exception;

        /** A full collection of the client's heap (the pod's JVM; Baileys' V8), as a floor of its idle memory. */
        void collect() throws Exception;

        /** The session's API base URL. */
        String api();
    }

    /**
     * Starts the pod with these JVM options, or through the launcher (its options and class cache; the launcher records
     * the cache on the first start and writes it at exit, so that start is a training run, stopped once ready).
     */
    static Session startPod(Path dir, String options, String clientOptions, EmbeddedPostgres postgres, Path webhooks, boolean measured,
                            String engine) throws Exception {
        if (options.equals(LAUNCHER) && measured) {
            Process training = startPod(dir, options, clientOptions, postgres, webhooks, false, engine).process();
            training.destroy();
            training.waitFor();
            System.out.println("launcher's class cache recorded: " + Files.size(dir.resolve("data/kubezap-session.aot")) / 1024 / 1024 + " MiB");
        }
        int port = freePort();
        String extraOptions = (NMT ? "-XX:NativeMemoryTracking=summary " : "") + clientOptions.trim();
        List<String> command = new ArrayList<>();
        if (options.equals(LAUNCHER)) {
            // "local#<root>/session-pod/target/quarkus-app": that tree's launcher, which runs that build
            command.add(Path.of(VARIANT_APP.get()).getParent().getParent().resolve("kubezap-local").toString());
        } else {
            command.add(java());
            command.addAll(Arrays.asList((options + " " + extraOptions).split("\\s+")));
            command.addAll(List.of("-jar", VARIANT_APP.get() + "/quarkus-run.jar"));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("pod.log").toFile()));
        if (options.equals(LAUNCHER)) {
            builder.environment().putAll(Map.of("KUBEZAP_SKIP_BUILD", "1", "KUBEZAP_JAVA_OPTS", extraOptions,
                    "JAVA_HOME", System.getProperty("java.home")));
        }
        builder.environment().putAll(Map.of("KUBEZAP_SESSION", "bench", "KUBEZAP_NAMESPACE", "bench", "KUBEZAP_API_KEY", KEY,
                "KUBEZAP_DATA_DIR", dir.resolve("data").toString(), "KUBEZAP_WEBHOOKS_FILE", webhooks.toString(),
                "QUARKUS_HTTP_PORT", Integer.toString(port), "QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"),
                "QUARKUS_DATASOURCE_USERNAME", "postgres", "QUARKUS_DATASOURCE_PASSWORD", "postgres"));
        builder.environment().put("KUBEZAP_SCHEMA_MIGRATE_AT_START", Boolean.toString(MIGRATE_AT_START));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(port + 1000));
        builder.environment().put("KUBEZAP_SEND_RATE_PER_MINUTE", "100000");
        // the webhook receiver is on loopback, which webhooks may reach only when allowed
        builder.environment().put("KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.1");
        builder.environment().put("KUBEZAP_ENGINE", engine);
        if (engine.equals("Baileys")) {
            // -Dbridge=DIR: another bridge than this checkout's (an older one, to compare its Baileys release)
            Path bridge = bridgeDir();
            if (!Files.isDirectory(bridge.resolve("node_modules/baileys")) && !Files.isDirectory(bridge.resolve("node_modules/@whiskeysockets/baileys"))) {
                throw new IllegalStateException("the Baileys bridge's packages are not installed: run npm ci in " + bridge);
            }
            builder.environment().put("KUBEZAP_BAILEYS_BRIDGE", bridge.toString());
        }
        // -Dpod.env=NAME=value,NAME=value: more of the pod's environment (e.g. KUBEZAP_DATABASE_POOL_MAX=10)
        for (String pair : System.getProperty("pod.env", "").split(",")) {
            if (pair.contains("=")) {
                builder.environment().put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        builder.environment().putAll(VARIANT_ENVIRONMENT.get());
        Files.createDirectories(dir.resolve("data"));
        Process pod = builder.start();
        String api = "http://127.0.0.1:" + port + "/api/v1/sessions/bench";
        await("pod ready", 180, () -> status(KUBELET.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + (port + 1000)
                + "/q/health/ready")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString())) == 200);
        return new Session() {
            public Process process() {
                return pod;
            }

            public String qr() throws Exception {
                HttpResponse<String> r = get(api + "/qr?format=raw");
                // raw is the link a phone's camera opens (https://wa.me/settings/linked_devices#2@...); the ref follows '#'
                return r.statusCode() == 200 ? r.body().substring(r.body().indexOf('#') + 1) : null;
            }

            public boolean connected() throws Exception {
                return get(api).body().contains("\"phase\":\"Connected\"");
            }

            public void send(String to, String text) throws Exception {
                post(api + "/messages", "{\"to\":\"" + to + "\",\"text\":\"" + text + "\"}", 202);
            }

            public void collect() {
                jcmd(pod.pid(), "GC.run");
            }

            public String api() {
                return api;
            }
        };
    }

    /** Baileys alone, for comparison: node (Baileys 6, scripts/baileys' own) or node7 (the bridge's Baileys 7, the engine's). */
    static boolean baileysAlone(String variant) {
        return variant.equals("node") || variant.equals("node7");
    }

    static Path bridgeDir() {
        return Path.of(System.getProperty("bridge", "session-pod-engine-baileys/src/main/baileys-bridge")).toAbsolutePath();
    }

    /** scripts/baileys' Baileys 6 package, installed from npm first if it is not (one at a time: npm cannot share it). */
    static synchronized Path installedBaileys() throws IOException, InterruptedException {
        Path baileys = Path.of("scripts/baileys");
        Path installed = baileys.resolve("node_modules/@whiskeysockets/baileys");
        if (!Files.isDirectory(installed)) {
            Path log = Files.createTempFile("baileys-npm", ".log");
            Process install = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--omit=peer").directory(baileys.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (install.waitFor() != 0) {
                throw new IllegalStateException("npm install in scripts/baileys failed: " + Files.readString(log));
            }
        }
        return installed;
    }

    static String bridgeBaileysVersion() {
        return baileysVersion(bridgeDir().resolve("node_modules/baileys"));
    }

    static String baileysVersion(Path packageDir) {
        try {
            return field(Files.readString(packageDir.resolve("package.json")), "version");
        } catch (IOException e) {
            throw new IllegalStateException("Baileys is not installed at " + packageDir + ": run npm ci / npm install there", e);
        }
    }

    /**
     * Baileys from npm (scripts/baileys), routed like the pod: the simulator's proxy, its CA as NODE_EXTRA_CA_CERTS. With
     * {@code bridgesBaileys} the same client runs the bridge's Baileys (7.x, as the pod's Baileys engine does).
     */
    static Session startBaileys(Path dir, String control, String hookUrl, boolean bridgesBaileys) throws Exception {
        Path baileys = installedBaileys().getParent().getParent().getParent();
        String info = get(control + "/api/info").body();
        Path ca = dir.resolve("simulator-ca.pem");
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(Path.of(field(info, "trustStore")))) {
            store.load(in, field(info, "trustStorePassword").toCharArray());
        }
        StringBuilder pem = new StringBuilder();
        for (String alias : java.util.Collections.list(store.aliases())) {
            pem.append("-----BEGIN CERTIFICATE-----\n")
                    .append(java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(store.getCertificate(alias).getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        Files.writeString(ca, pem);
        int port = freePort();
        Path qrFile = dir.resolve("baileys-qr.txt");
        ProcessBuilder builder = new ProcessBuilder("node", "--expose-gc", "client.js").directory(baileys.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("baileys.log").toFile());
        Matcher proxyPort = Pattern.compile("\"proxyPort\"\\s*:\\s*(\\d+)").matcher(info);
        proxyPort.find();
        builder.environment().putAll(Map.of("SIM_PROXY", "http://127.0.0.1:" + proxyPort.group(1), "NODE_EXTRA_CA_CERTS", ca.toString(),
                "AUTH_DIR", dir.resolve("baileys-auth").toString(), "QR_FILE", qrFile.toString(), "WEBHOOK_URL", hookUrl,
                "CONTROL_PORT", Integer.toString(port)));
        if (bridgesBaileys) {
            bridgeBaileysVersion();
            builder.environment().put("BAILEYS_DIR", bridgeDir().toString());
        }
        Process node = builder.start();
        String api = "http://127.0.0.1:" + port;
        return new Session() {
            public Process process() {
                return node;
            }

            public String qr() throws Exception {
                return Files.exists(qrFile) ? Files.readString(qrFile).trim() : null;
            }

            public boolean connected() throws Exception {
                return get(api + "/state").body().contains("\"connected\":true");
            }

            public void send(String to, String text) throws Exception {
                post(api + "/send", "{\"to\":\"" + to + "\",\"text\":\"" + text + "\"}", 202);
            }

            public void collect() throws Exception {
                post(api + "/gc", "", 204);
            }

            public String api() {
                return api;
            }
        };
    }

    /** Options naming -XX:AOTCache=<file> get the image's training run first (images/session-pod/aot-train.sh). */
    /** The schema migrated by the release's migration runner ({@code migrate}), as the chart's Job does. */
    static void migrate(Path dir, EmbeddedPostgres postgres) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(java(), "-jar", "session-pod/target/quarkus-app/quarkus-run.jar", "migrate")
                .redirectErrorStream(true).redirectOutput(dir.resolve("migrate.log").toFile());
        builder.environment().putAll(Map.of("QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"),
                "QUARKUS_DATASOURCE_USERNAME", "postgres", "QUARKUS_DATASOURCE_PASSWORD", "postgres",
                "QUARKUS_HTTP_PORT", Integer.toString(freePort()), "QUARKUS_MANAGEMENT_PORT", Integer.toString(freePort())));
        Process runner = builder.start();
        if (!runner.waitFor(300, TimeUnit.SECONDS) || runner.exitValue() != 0) {
            runner.destroyForcibly();
            throw new IllegalStateException("the migration runner failed: " + Files.readString(dir.resolve("migrate.log")));
        }
    }

    static void trainAotCache(String options, Path dir) throws Exception {
        Matcher aot = Pattern.compile("-XX:AOTCache=(\\S+)").matcher(options);
        if (!aot.find() || Files.exists(Path.of(aot.group(1)))) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("sh", "images/session-pod/aot-train.sh", aot.group(1), VARIANT_APP.get()));
        command.addAll(Arrays.asList(options.replace(aot.group(), "").trim().split("\\s+")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("aot-train.log").toFile());
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + System.getenv("PATH"));
        // free ports of its own: the script's fixed 18099 and Quarkus' management port 9000 may be taken on a shared machine
        builder.environment().put("AOT_TRAIN_PORT", Integer.toString(freePort()));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(freePort()));
        // "<variant>%NAME=value": the training run gets the variant's environment too (AOT_TRAIN_SCHEMA_FIRST=false, say)
        builder.environment().putAll(VARIANT_ENVIRONMENT.get());
        long started = System.nanoTime();
        if (builder.start().waitFor() != 0) {
            throw new IllegalStateException("AOT training failed: " + Files.readString(dir.resolve("aot-train.log")));
        }
        System.out.printf("AOT cache trained in %.0f s: %d MiB%n", (System.nanoTime() - started) / 1e9, Files.size(Path.of(aot.group(1))) >> 20);
    }

    static String nodeVersion() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            return new String(p.getInputStream().readAllBytes()).trim();
        } catch (IOException e) {
            return "not found";
        }
    }

    static void result(String metric, String value, String target) {
        System.out.println("BENCH|memory|" + metric + "|" + value + "|" + target);
    }

    static int count(Map<String, AtomicInteger> hooks, String event) {
        AtomicInteger n = hooks.get(event);
        return n == null ? 0 : n.get();
    }

    static String diagnostics(long pid) throws IOException {
        // RssFile counts mapped files (jars, the AOT cache) that pods of one image share in a node's page cache
        String threadsAndRss = Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(line -> line.startsWith("Threads:") || line.startsWith("RssAnon:") || line.startsWith("RssFile:"))
                .map(line -> line.replaceAll("\\s+", " ").replace(" kB", "k")).collect(java.util.stream.Collectors.joining(", "));
        String classes = jcmd(pid, "PerfCounter.print").lines().filter(l -> l.startsWith("java.cls.loadedClasses="))
                .findFirst().orElse("java.cls.loadedClasses=?");
        return threadsAndRss + ", " + classes.replace("java.cls.", "");
    }

    /** A directory name for the variant: custom variants' options are longer than a file name may be. */
    static String inspectionName(String variant) {
        String name = variant.replaceAll("[^A-Za-z0-9@._-]", "_");
        return name.length() <= 60 ? name : name.substring(0, 40) + "-" + Integer.toHexString(variant.hashCode());
    }

    /**
     * What an idle pod holds, for the memory breakdown in docs/benchmarks.md: /proc's status and smaps_rollup, NMT's
     * summary (with -Dnmt=true), the loaded classes counted by their first three package segments, and the threads.
     */
    static void inspect(long pid, Path out) throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("status.txt"), Files.readString(Path.of("/proc/" + pid + "/status")));
        Files.writeString(out.resolve("smaps_rollup.txt"), Files.readString(Path.of("/proc/" + pid + "/smaps_rollup")));
        Files.writeString(out.resolve("nmt.txt"), jcmd(pid, "VM.native_memory", "summary"));
        Files.writeString(out.resolve("smaps.txt"), Files.readString(Path.of("/proc/" + pid + "/smaps")));
        // each mapping with its resident size and, for the JVM's own, what it holds (heap, code cache, class space, a thread's stack)
        Files.writeString(out.resolve("system-map.txt"), jcmd(pid, "System.map"));
        String hierarchy = jcmd(pid, "VM.class_hierarchy");
        Files.writeString(out.resolve("class-hierarchy.txt"), hierarchy);
        Map<String, Integer> byPackage = new java.util.TreeMap<>();
        Matcher name = Pattern.compile("([a-z][\\w]*(?:\\.[\\w$]+)+)/").matcher(hierarchy);
        while (name.find()) {
            String[] parts = name.group(1).split("\\.");
            String key = String.join(".", Arrays.copyOf(parts, Math.min(3, parts.length - 1)));
            byPackage.merge(key, 1, Integer::sum);
        }
        StringBuilder packages = new StringBuilder();
        byPackage.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(entry -> packages.append(entry.getValue()).append(' ').append(entry.getKey()).append('\n'));
        Files.writeString(out.resolve("classes-by-package.txt"), packages);
        Files.writeString(out.resolve("threads.txt"), jcmd(pid, "Thread.print"));
        // the JIT's code cache (C1's code at idle) and the heap's generations, committed and used, before the collection below
        Files.writeString(out.resolve("codecache.txt"), jcmd(pid, "Compiler.codecache"));
        Files.writeString(out.resolve("heap-info.txt"), jcmd(pid, "GC.heap_info"));
        Files.writeString(out.resolve("mappings.txt"), mappingTable(Files.readString(out.resolve("smaps.txt")),
                Files.readString(out.resolve("heap-info.txt")), Files.readString(out.resolve("codecache.txt"))));
        // last: it runs a full collection, so the live heap shows (and the heap may shrink after the reading above)
        Files.writeString(out.resolve("heap-histogram.txt"), jcmd(pid, "GC.class_histogram").lines().limit(45)
                .collect(java.util.stream.Collectors.joining("\n")));
        try {
            Thread.sleep(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Files.writeString(out.resolve("status-after-full-gc.txt"), Files.readString(Path.of("/proc/" + pid + "/status")));
        Files.writeString(out.resolve("nmt-after-full-gc.txt"), jcmd(pid, "VM.native_memory", "summary"));
        System.out.println("inspection of the idle pod written to " + out);
    }

    /**
     * The process's resident memory by what its mappings hold (smaps: Rss, and Anonymous, which counts a file's pages
     * written privately too), as a Markdown table in MiB: the AOT cache, libjvm.so, the JDK's other files, the Java heap and
     * the code cache (their address ranges from GC.heap_info and Compiler.codecache), class space (mapped after the cache),
     * the rest of the anonymous memory (metaspace, thread stacks, malloc; Node.js: V8's heaps) and, for Node.js, its binary.
     */
    static String mappingTable(String smaps, String heapInfo, String codeCache) {
        long[] heap = range(heapInfo, "\\[(0x[0-9a-f]+), ", ", (0x[0-9a-f]+)\\)");
        long[] code = range(codeCache, "bounds \\[(0x[0-9a-f]+),", ", (0x[0-9a-f]+)\\]");
        Map<String, long[]> groups = new LinkedHashMap<>();
        long[] current = null;
        Pattern header = Pattern.compile("^([0-9a-f]+)-([0-9a-f]+) \\S+ \\S+ \\S+ \\S+\\s*(.*)$");
        for (String line : smaps.lines().toList()) {
            Matcher m = header.matcher(line);
            if (m.matches()) {
                long start = Long.parseUnsignedLong(m.group(1), 16);
                String path = m.group(3);
                String group = path.endsWith(".aot") ? "AOT cache" : path.endsWith("/libjvm.so") ? "libjvm.so"
                        : path.endsWith("/lib/modules") ? "JDK lib/modules" : path.contains("/jvm/") ? "JDK, other files"
                        : path.endsWith("/node") ? "node binary" : path.startsWith("/") ? "other files (glibc, …)"
                        : path.equals("[heap]") ? "glibc heap ([heap])" : path.startsWith("[") ? path
                        : start >= heap[0] && start < heap[1] ? "Java heap" : start >= code[0] && start < code[1] ? "code cache"
                        : start >= 0x800000000L && start < 0x900000000L ? "class space"
                        : "other anonymous (JVM: metaspace, stacks, malloc; Node.js: V8)";
                current = groups.computeIfAbsent(group, g -> new long[2]);
            } else if (current != null && line.startsWith("Rss:")) {
                current[0] += Long.parseLong(line.replaceAll("\\D", ""));
            } else if (current != null && line.startsWith("Anonymous:")) {
                current[1] += Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        StringBuilder table = new StringBuilder("| mapping | RSS MiB | anonymous MiB |\n| --- | --- | --- |\n");
        groups.entrySet().stream().filter(e -> e.getValue()[0] >= 100).sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> table.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f |%n", e.getKey(), e.getValue()[0] / 1024.0,
                        e.getValue()[1] / 1024.0)));
        return table.toString();
    }

    /** The lowest first and highest second address the patterns find in a jcmd answer; none: an empty range. */
    static long[] range(String text, String first, String second) {
        long low = Long.MAX_VALUE;
        long high = 0;
        for (Matcher m = Pattern.compile(first).matcher(text); m.find(); ) {
            low = Math.min(low, Long.parseUnsignedLong(m.group(1).substring(2), 16));
        }
        for (Matcher m = Pattern.compile(second).matcher(text); m.find(); ) {
            high = Math.max(high, Long.parseUnsignedLong(m.group(1).substring(2), 16));
        }
        return new long[] {low, high};
    }

    static String jcmd(long pid, String... command) {
        // Baileys alone is Node.js: attaching would leave an .attach_pid file in its directory and send it SIGQUIT
        if (!ProcessHandle.of(pid).flatMap(p -> p.info().command()).map(c -> c.endsWith("/java")).orElse(false)) {
            return "not a JVM";
        }
        try {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
            cmd.addAll(List.of(command));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return out;
        } catch (IOException | InterruptedException e) {
            return "jcmd failed: " + e;
        }
    }

    static String simulatorJar() throws IOException {
        try (var files = Files.list(Path.of("wa-simulator/target"))) {
            return files.map(Path::toString).filter(name -> name.endsWith("-standalone.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build wa-simulator first: no standalone jar in wa-simulator/target"));
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("X-Api-Key", KEY).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void post(String url, String json, int expected) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("X-Api-Key", KEY)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException("POST " + url + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    static int status(HttpResponse<?> response) {
        return response.statusCode();
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void await(String what, int seconds, Check check) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        Exception last = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (check.ok()) {
                    return;
                }
            } catch (Exception notYet) {
                last = notYet;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(what + ": not reached within " + seconds + " s" + (last == null ? "" : " (" + last + ")"));
    }

    static long rssKib(long pid) throws IOException {
        return statusKib(pid, "VmRSS:");
    }

    /**
     * RssAnon is the resident memory no other process can share (RSS less mapped files). The client's RSS with its child processes' (the Baileys engine's node; none for Cobalt), with the anonymous part
     * and, when there are children, the JVM's and their share.
     */
    static String treeMemory(long pid) throws IOException {
        long rss = rssKib(pid);
        long anonymous = statusKib(pid, "RssAnon:");
        long childRss = 0;
        long childAnonymous = 0;
        for (ProcessHandle child : ProcessHandle.of(pid).map(ProcessHandle::descendants).orElseGet(java.util.stream.Stream::empty).toList()) {
            childRss += Math.max(0, statusKib(child.pid(), "VmRSS:"));
            childAnonymous += Math.max(0, statusKib(child.pid(), "RssAnon:"));
        }
        String total = (rss + childRss) / 1024 + " MiB (anonymous " + (anonymous + childAnonymous) / 1024 + " MiB)";
        return childRss == 0 ? total : total + ": JVM " + rss / 1024 + " + node " + childRss / 1024 + " MiB";
    }

    /** The kernel's clock ticks per second (USER_HZ), the unit of /proc/<pid>/stat's times: 100 on Linux. */
    static final long CLOCK_TICKS = 100;

    /** User and system CPU time of the process and its descendants, in clock ticks (/proc/<pid>/stat, fields 14 and 15). */
    static long treeCpuTicks(long pid) throws IOException {
        return treeSum(pid, MemoryBenchmark::cpuTicks);
    }

    static long cpuTicks(long pid) throws IOException {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) {
            return 0;
        }
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * Each thread of the process and its descendants ("pid/tid name"): its CPU ticks (/proc/<pid>/task/<tid>/stat) and
     * its context switches (voluntary and not, /proc/<pid>/task/<tid>/status): a thread that wakes for a few
     * microseconds is below a tick's resolution, but each wake-up shows as a switch.
     */
    static Map<String, long[]> threadActivity(long pid) throws IOException {
        Map<String, long[]> threads = new LinkedHashMap<>();
        List<Long> processes = new ArrayList<>(List.of(pid));
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(child -> processes.add(child.pid())));
        for (long process : processes) {
            Path tasks = Path.of("/proc/" + process + "/task");
            if (!Files.isDirectory(tasks)) {
                continue;
            }
            try (var each = Files.list(tasks)) {
                for (Path task : each.toList()) {
                    try {
                        String stat = Files.readString(task.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long switches = 0;
                        for (String line : Files.readAllLines(task.resolve("status"))) {
                            if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                                switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                            }
                        }
                        threads.put(process + "/" + task.getFileName() + " " + name,
                                new long[] {Long.parseLong(fields[11]) + Long.parseLong(fields[12]), switches});
                    } catch (IOException | RuntimeException gone) {
                        // the thread ended while it was read
                    }
                }
            }
        }
        return threads;
    }

    /** The threads that used CPU or woke up between two {@link #threadActivity} readings, busiest first, one a line. */
    static String busiestThreads(Map<String, long[]> before, Map<String, long[]> after) {
        StringBuilder lines = new StringBuilder();
        after.entrySet().stream()
                .map(e -> {
                    long[] was = before.getOrDefault(e.getKey(), new long[2]);
                    return Map.entry(e.getKey(), new long[] {e.getValue()[0] - was[0], e.getValue()[1] - was[1]});
                })
                .filter(e -> e.getValue()[0] > 0 || e.getValue()[1] > 0)
                .sorted((a, b) -> a.getValue()[0] != b.getValue()[0] ? Long.compare(b.getValue()[0], a.getValue()[0])
                        : Long.compare(b.getValue()[1], a.getValue()[1]))
                .forEach(e -> lines.append(String.format(Locale.ROOT, "  %-40s %4d ticks %6d wake-ups%n", e.getKey(),
                        e.getValue()[0], e.getValue()[1])));
        return lines.toString();
    }

    static Reading reading(long pid) throws IOException {
        String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return new Reading(treeKib(pid, "VmRSS:"), treeKib(pid, "RssAnon:"), load[0] + ", " + load[1] + ", " + load[2]);
    }

    /** A /proc status field of the process and its descendants (the Baileys engine's node child), summed. */
    static long treeKib(long pid, String field) throws IOException {
        return treeSum(pid, process -> statusKib(process, field));
    }

    @FunctionalInterface
    interface ProcessFigure {
        long of(long pid) throws IOException;
    }

    /** {@code figure} of the process and of its descendants, summed; a process gone meanwhile (below 0) counts 0. */
    static long treeSum(long pid, ProcessFigure figure) throws IOException {
        long total = Math.max(0, figure.of(pid));
        for (ProcessHandle child : ProcessHandle.of(pid).map(ProcessHandle::descendants).orElseGet(java.util.stream.Stream::empty).toList()) {
            total += Math.max(0, figure.of(child.pid()));
        }
        return total;
    }

    static long statusKib(long pid, String field) throws IOException {
        Path status = Path.of("/proc/" + pid + "/status");
        if (!Files.exists(status)) {
            return -1;
        }
        return Files.readAllLines(status).stream()
                .filter(line -> line.startsWith(field))
                .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElse(-1L);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void stop(Process process) throws InterruptedException {
        if (process == null) {
            return;
        }
        // a variant stopped because another failed (side by side) still stops its processes
        boolean interrupted = Thread.interrupted();
        try {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A second client for the accept latency: java.net.http hops between its selector thread and an executor and adds
     * about 1.5 ms at p50 and 4-5 ms at p99 of its own here (the pod's access log measured 2 / 8 ms where that client
     * saw 3.4 / 12.6). Vert.x's client on one context, a kept-alive connection, one request at a time, as a nearby
     * service would call the pod.
     */
    static final class KeptAliveClient {
        static String sequentialAccepts(String url, String to, int count) throws Exception {
            io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
            try {
                io.vertx.core.Context context = vertx.getOrCreateContext();
                io.vertx.core.http.HttpClient http = vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions().setKeepAlive(true));
                long[] micros = new long[count];
                for (int i = -50; i < count; i++) {
                    String json = "{\"to\":\"" + to + "\",\"text\":\"mantido " + i + "\"}";
                    long t = System.nanoTime();
                    int status = post(context, http, url, json);
                    if (status != 202) {
                        throw new IllegalStateException("POST " + url + " answered " + status);
                    }
                    if (i >= 0) {
                        micros[i] = (System.nanoTime() - t) / 1000;
                    }
                }
                Arrays.sort(micros);
                return String.format("%.1f / %.1f ms", micros[count / 2] / 1000.0, micros[count * 99 / 100] / 1000.0);
            } finally {
                vertx.close();
            }
        }

        static int post(io.vertx.core.Context context, io.vertx.core.http.HttpClient http, String url, String json) throws Exception {
            java.util.concurrent.CompletableFuture<Integer> status = new java.util.concurrent.CompletableFuture<>();
            context.runOnContext(ignored -> http.request(new io.vertx.core.http.RequestOptions().setMethod(io.vertx.core.http.HttpMethod.POST)
                            .setAbsoluteURI(url).putHeader("X-Api-Key", KEY).putHeader("Content-Type", "application/json"))
                    .compose(request -> request.send(json))
                    .compose(response -> response.body().map(body -> response.statusCode()))
                    .onComplete(outcome -> {
                        if (outcome.succeeded()) {
                            status.complete(outcome.result());
                        } else {
                            status.completeExceptionally(outcome.cause());
                        }
                    }));
            return status.get(30, TimeUnit.SECONDS);
        }
    }
}
