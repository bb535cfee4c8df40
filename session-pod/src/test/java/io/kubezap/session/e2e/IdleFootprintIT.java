package io.kubezap.session.e2e;

import io.kubezap.session.runtime.AotTrainingClasses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 50, part 5: what a session does not use costs it no memory. The packaged pod, configured as a plain session is
 * (no event sinks, media on its volume, tracing off, no history asked for, its schema migrated by the release's Job), is linked to the simulator, a text comes in
 * and one goes out, and the pod idles. Every class the JVM loaded is logged ({@code -Xlog:class+load}, no class cache),
 * and the pod's threads are read from {@code /proc/<pid>/task/<tid>/comm}: nothing of a feature that is not configured
 * may be among them. A feature that starts loading its library (or starting its threads) without being asked for fails
 * here, named. The memory this saves, and each component's budget, are in docs/benchmarks.md ("A smaller session").
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdleFootprintIT {

    private static final String OWNER = "5511999990501";
    private static final String CUSTOMER = "5511988880502";
    /** The session's quiet period before its one collection ({@code KUBEZAP_SETTLED_COLLECTION_QUIET}; 30 s by default). */
    private static final Duration QUIET = Duration.ofSeconds(3);

    /** Per feature that this session does not configure: the class name prefixes of its library and of its kubezap code. */
    private static final Map<String, List<String>> UNUSED_FEATURES = features();
    /** Per feature: the prefixes of its threads' names (as Linux shows them: the first 15 characters). */
    private static final Map<String, List<String>> UNUSED_THREADS = Map.of(
            "Kafka event sink", List.of("kafka-"),
            "NATS event sink", List.of("nats:", "nats-"),
            "RabbitMQ event sink", List.of("AMQP ", "amqp"),
            "S3 media store", List.of("sdk-", "aws-"),
            "OpenTelemetry", List.of("BatchSpanProcess", "JFR ", "otel", "OkHttp"),
            "history download", List.of("kubezap-kept-hi"));

    private PodAgainstSimulator world;

    /**
     * The machinery of each library, not every class it has: a type named in a method's signature is loaded by the
     * verifier of the class that names it (one Tika media type, one ZXing exception) without the library's code running.
     */
    private static Map<String, List<String>> features() {
        var features = new LinkedHashMap<String, List<String>>();
        features.put("schema migration (the release's Job runs it)", List.of("org.flywaydb."));
        features.put("Kafka event sink", List.of("org.apache.kafka.", "io.kubezap.session.sink.KafkaPublisher"));
        features.put("NATS event sink", List.of("io.nats.", "io.kubezap.session.sink.NatsPublisher"));
        features.put("RabbitMQ event sink", List.of("com.rabbitmq.", "io.kubezap.session.sink.RabbitPublisher"));
        features.put("S3 media store", List.of("software.amazon."));
        // the SDK itself too: Quarkus' extension built it even with its SDK off (docs/benchmarks.md, "OpenTelemetry, measured")
        features.put("OpenTelemetry", List.of("io.opentelemetry.sdk.", "io.opentelemetry.exporter.", "io.quarkus.opentelemetry.",
                "io.opentelemetry.instrumentation.", "io.kubezap.contract.tracing.otlp."));
        // not a feature: the series are Prometheus' own client's, Micrometer's ~470 classes are gone (docs/benchmarks.md, part 8b)
        features.put("Micrometer", List.of("io.micrometer.", "io.quarkus.micrometer.", "io.prometheus.client.",
                "org.HdrHistogram.", "org.LatencyUtils."));
        // not a feature either: the pod's SQL is plain JDBC behind db.Handle, Jdbi's ~500 classes are gone (docs/benchmarks.md, part 10a)
        features.put("Jdbi", List.of("org.jdbi."));
        features.put("media processing", List.of("javax.imageio.", "java.awt.", "sun.awt.", "org.apache.tika.detect.",
                "org.apache.tika.mime.MimeTypes", "com.google.zxing.qrcode.", "com.google.zxing.client."));
        return features;
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void aLinkedIdleSessionLoadsNothingOfWhatItDoesNotUse() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "idle-footprint-it-");
        Path classLog = workDir.resolve("classes.log").toAbsolutePath();
        Path gcLog = workDir.resolve("gc.log").toAbsolutePath();
        // as in a cluster: the release's Job migrates the schema, the pod only checks it
        world = PodAgainstSimulator.create(workDir, "loja-501", Map.of("KUBEZAP_HISTORY", "None",
                "KUBEZAP_SCHEMA_MIGRATE_AT_START", "false", "KUBEZAP_SETTLED_COLLECTION_QUIET", QUIET.toSeconds() + "s"));
        world.migrateAsTheReleaseJobDoes();
        world.createPhone(OWNER, "Loja");
        world.createPhone(CUSTOMER, "Cliente");
        world.startPod(List.of("-Xlog:class+load=info:file=" + classLog + ":none", "-XX:AOTMode=off", "-Xlog:gc:file=" + gcLog));
        world.awaitPhase("WaitingForQR");
        Thread.sleep(QUIET.plusSeconds(2).toMillis());
        assertThat(collectionsAsked(gcLog)).as("collections the pod asked for before it was linked").isZero();
        world.scanCurrentQr(OWNER);
        world.awaitPhase("Connected");
        world.phoneWritesAndTheSessionStoresIt(CUSTOMER, OWNER, "Vocês abrem no sábado?");
        new Conversation(world).sendThroughApiUntilThePhoneHasIt(CUSTOMER, "Abrimos, das 9 às 13.");
        Thread.sleep(5_000);
        theSettledSessionCollectedItsHeapOnce(gcLog);

        var classes = loadedClasses(classLog);
        var threads = threadNames(world.podPid());
        System.out.printf("IdleFootprintIT: %d classes loaded, %d threads: %s%n", classes.size(), threads.size(), threads);

        assertThat(classes).as("the class log is read").contains("io.kubezap.session.runtime.SessionRuntime");
        assertThat(byFeature(classes, UNUSED_FEATURES)).as("classes of features this session does not use").isEmpty();
        assertThat(byFeature(threads, UNUSED_THREADS)).as("threads of features this session does not use").isEmpty();
        theAotTrainingListCoversThem(classes);
    }

    /**
     * Once linked and quiet, the pod collects its heap once (start-up's promoted garbage given back: docs/benchmarks.md,
     * "A smaller session, part 8a"), and never again: more traffic and more quiet periods after it ask for none.
     */
    private void theSettledSessionCollectedItsHeapOnce(Path gcLog) throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> collectionsAsked(gcLog) == 1);
        world.phoneWritesAndTheSessionStoresIt(CUSTOMER, OWNER, "E no domingo?");
        new Conversation(world).sendThroughApiUntilThePhoneHasIt(CUSTOMER, "Domingo não.");
        Thread.sleep(QUIET.multipliedBy(3).toMillis());
        assertThat(collectionsAsked(gcLog)).as("collections the pod asked for (System.gc()), after linking, traffic and quiet").isOne();
        System.out.printf("IdleFootprintIT: the settled session's collection: %s%n", Files.readAllLines(world.podLog()).stream()
                .filter(line -> line.contains("heap collected once")).toList());
    }

    private static long collectionsAsked(Path gcLog) throws IOException {
        if (!Files.exists(gcLog)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(gcLog)) {
            return lines.filter(line -> line.contains("(System.gc())")).count();
        }
    }

    /**
     * The image's AOT training run loads the classes of {@link AotTrainingClasses#RESOURCE} since it never links: a class
     * a linked session loads that is not listed stays in each pod's metaspace. When code changes leave more than a tenth
     * of this session's classes off the list, this fails; {@code -Daot.regenerate=true} adds this run's classes to the list
     * (names are added, never removed: the list also holds what a session with webhooks loads, which this one has not; a
     * name that no longer exists costs nothing, the training run skips it).
     */
    private static void theAotTrainingListCoversThem(List<String> classes) throws IOException {
        var named = classes.stream().filter(name -> name.contains(".") && !name.contains("/") && !name.startsWith("jdk.proxy")
                        && !name.contains("$Proxy"))
                .sorted().toList();
        Set<String> listed;
        try (var list = AotTrainingClasses.class.getResourceAsStream(AotTrainingClasses.RESOURCE)) {
            listed = Set.copyOf(new String(list.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        }
        if (Boolean.getBoolean("aot.regenerate")) {
            var union = new TreeSet<>(listed);
            union.addAll(named);
            Files.write(Path.of("src/main/resources").resolve(AotTrainingClasses.RESOURCE.substring(1)), union);
            return;
        }
        var missing = named.stream().filter(name -> !listed.contains(name)).toList();
        System.out.printf("IdleFootprintIT: %d of %d classes not in the AOT training list, e.g. %s%n", missing.size(), named.size(),
                missing.stream().limit(20).toList());
        assertThat(missing.size()).as("classes of a linked idle session missing from " + AotTrainingClasses.RESOURCE
                + " (regenerate: this test with -Daot.regenerate=true)").isLessThanOrEqualTo(named.size() / 10);
    }

    /** For each feature, what of {@code names} starts with one of its prefixes; features with none left out. */
    private static Map<String, List<String>> byFeature(List<String> names, Map<String, List<String>> prefixes) {
        var found = new TreeMap<String, List<String>>();
        prefixes.forEach((feature, starts) -> {
            var its = names.stream().filter(name -> starts.stream().anyMatch(name::startsWith)).limit(10).toList();
            if (!its.isEmpty()) {
                found.put(feature, its);
            }
        });
        return found;
    }

    /** The classes of {@code -Xlog:class+load} without decorations: "name source: ..." per line. */
    private static List<String> loadedClasses(Path log) throws IOException {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.map(line -> line.split(" ", 2)[0]).filter(name -> !name.isBlank()).distinct().toList();
        }
    }

    private static List<String> threadNames(long pid) throws IOException {
        var names = new ArrayList<String>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    names.add(Files.readString(task.resolve("comm")).strip());
                } catch (IOException ended) {
                    // the thread ended meanwhile
                }
            }
        }
        return names.stream().sorted().toList();
    }
}
