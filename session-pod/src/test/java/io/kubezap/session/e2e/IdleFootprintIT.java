package io.kubezap.session.e2e;

import io.kubezap.contract.SessionApi;
import io.kubezap.session.runtime.AotTrainingClasses;
import io.kubezap.session.testing.PodProcess;
import io.kubezap.session.webhook.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * (one webhook, no event sinks, media on its volume, tracing off, no history asked for, its schema migrated by the release's
 * Job), is linked to the simulator, a text comes in and one goes out (both delivered to the webhook), and the pod idles.
 * Every class the JVM loaded is logged ({@code -Xlog:class+load}, no class cache), and the pod's threads are read from {@code /proc/<pid>/task/<tid>/comm}: nothing of a feature that is not configured
 * may be among them. A feature that starts loading its library (or starting its threads) without being asked for fails
 * here, named. The memory this saves, and each component's budget, are in
 * docs/benchmarks/2026-11-25-smaller-session-part-1-budget.md.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdleFootprintIT {

    private static final String OWNER = "5511999990501";
    private static final String CUSTOMER = "5511988880502";
    /** The session's quiet period before its one collection ({@code KUBEZAP_SETTLED_COLLECTION_QUIET}; 30 s by default). */
    private static final Duration QUIET = Duration.ofSeconds(3);
    /** How long the pool keeps a connection nobody uses ({@code KUBEZAP_DATABASE_IDLE_TIMEOUT}; 60 s by default). */
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);
    /** How long the idle pod is watched for database queries. */
    private static final Duration IDLE_WATCH = Duration.ofSeconds(15);
    /** A margin for an ending backend's counters to reach the statistics views (a backend reports them as it exits). */
    private static final Duration STATS_REPORTED = Duration.ofSeconds(1);

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
    private WebhookReceiver webhooks;

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
        // the SDK itself too: Quarkus' extension built it even with its SDK off
        // (docs/decisions/0007-span-export-built-by-hand.md)
        features.put("OpenTelemetry", List.of("io.opentelemetry.sdk.", "io.opentelemetry.exporter.", "io.quarkus.opentelemetry.",
                "io.opentelemetry.instrumentation.", "io.kubezap.tracing.otlp."));
        // not a feature: the series are Prometheus' own client's, Micrometer's ~470 classes are gone
        // (docs/decisions/0003-pod-metrics-on-the-prometheus-client.md)
        features.put("Micrometer", List.of("io.micrometer.", "io.quarkus.micrometer.", "io.prometheus.client.",
                "org.HdrHistogram.", "org.LatencyUtils."));
        // the pool is Agroal's alone: no transaction manager, no Quarkus datasource
        // (docs/decisions/0002-agroal-pool-without-the-datasource-extension.md); its
        // code names three types of the JTA API (Synchronization, SystemException, RollbackException), loaded with it
        features.put("JTA transactions", List.of("com.arjuna.", "io.quarkus.narayana.", "jakarta.transaction.Transaction",
                "jakarta.transaction.UserTransaction", "org.jboss.tm.", "io.agroal.narayana.", "io.quarkus.agroal.",
                "io.quarkus.datasource."));
        // not a feature either: the pod's SQL is plain JDBC behind db.Handle, Jdbi's ~500 classes are gone
        // (docs/decisions/0001-jdbc-facade-without-jdbi.md)
        features.put("Jdbi", List.of("org.jdbi."));
        features.put("media processing", List.of("javax.imageio.", "java.awt.", "sun.awt.", "org.apache.tika.detect.",
                "org.apache.tika.mime.MimeTypes", "com.google.zxing.qrcode.", "com.google.zxing.client."));
        // the format event sinks publish in, built on the first event a sink takes
        features.put("event sinks' CloudEvents", List.of("io.cloudevents."));
        // log lines are plain text here; Quarkus built a JSON formatter for each handler that is off (file, syslog,
        // socket) all the same. JSON-P itself stays: the health checks' answers are written with it
        // (the formatters' config loads one of their enums)
        features.put("JSON log lines", List.of("org.jboss.logmanager.formatters.JsonFormatter",
                "io.quarkus.logging.json.runtime.JsonFormatter", "jakarta.json.stream.JsonGeneratorFactory",
                "org.eclipse.parsson.JsonGeneratorFactoryImpl"));
        // the pod answers HTTP/1.1 (the JDK's client asks for h2c and takes HTTP/1.1: the gateway, the operator);
        // its own client learns WhatsApp Web's version in HTTP/1.1, as its WebSocket speaks it (a closing client loads
        // the bare HTTP/2 connection class; its code and nested classes, ALPN's failure among them, stay unloaded)
        // (Vert.x' HTTP headers name one of Netty's HTTP/2 enums, loaded with them, and the management interface, which
        // the kubelet and Prometheus reach in HTTP/1.1, keeps its h2c upgrade handler: the codecs are the machinery)
        features.put("HTTP/2", List.of("io.netty.handler.codec.http2.Http2ConnectionHandler", "io.netty.handler.codec.http2.Hpack",
                "io.netty.handler.codec.http2.DefaultHttp2", "io.vertx.core.http.impl.Http2", "io.vertx.core.http.impl.VertxHttp2",
                "jdk.internal.net.http.Http2Connection$", "jdk.internal.net.http.hpack.",
                "jdk.internal.net.http.frame."));
        return features;
    }

    @AfterAll
    void stopEverything() throws Exception {
        try (var closing = webhooks) {
            if (world != null) {
                world.close();
            }
        }
    }

    @Test
    void aLinkedIdleSessionLoadsNothingOfWhatItDoesNotUse() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "idle-footprint-it-");
        Path classLog = workDir.resolve("classes.log").toAbsolutePath();
        Path gcLog = workDir.resolve("gc.log").toAbsolutePath();
        // a signed webhook for every event, as most sessions have (and as the memory benchmark's pod): its delivery
        // path's classes are among what a linked session loads, so the AOT training list holds them too
        webhooks = new WebhookReceiver(PodProcess.freePort());
        Path endpoints = Files.writeString(workDir.resolve("webhooks.json"),
                "[{\"url\": \"http://127.0.0.1:" + webhooks.port() + "/hook\", \"secret\": \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\"}]");
        // as in a cluster: the release's Job migrates the schema, the pod only checks it
        world = PodAgainstSimulator.create(workDir, "loja-501", Map.of("KUBEZAP_HISTORY", "None",
                "KUBEZAP_SCHEMA_MIGRATE_AT_START", "false", "KUBEZAP_SETTLED_COLLECTION_QUIET", QUIET.toSeconds() + "s",
                "KUBEZAP_DATABASE_IDLE_TIMEOUT", IDLE_TIMEOUT.toSeconds() + "s",
                "KUBEZAP_WEBHOOKS_FILE", endpoints.toString(),
                "KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.1")); // the receiver: loopback, allowed as an in-cluster one would be
        world.migrateAsTheReleaseJobDoes();
        world.createPhone(OWNER, "Loja");
        world.createPhone(CUSTOMER, "Cliente");
        // no class cache, and no verification of the application's classes: the image's pod takes them verified from its
        // AOT cache, so the classes the verifier alone would load (the types a method's code assigns) are not loaded there
        world.startPod(List.of("-Xlog:class+load=info:file=" + classLog + ":none", "-XX:AOTMode=off", "-Xlog:gc:file=" + gcLog,
                "-XX:+UnlockDiagnosticVMOptions", "-XX:-BytecodeVerificationRemote"));
        world.awaitPhase("WaitingForQR");
        Thread.sleep(QUIET.plusSeconds(2).toMillis());
        assertThat(collectionsAsked(gcLog)).as("collections the pod asked for before it was linked").isZero();
        world.scanCurrentQr(OWNER);
        world.awaitPhase("Connected");
        world.phoneWritesAndTheSessionStoresIt(CUSTOMER, OWNER, "Vocês abrem no sábado?");
        new Conversation(world).sendThroughApiUntilThePhoneHasIt(CUSTOMER, "Abrimos, das 9 às 13.");
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveredEvents().containsAll(List.of("message.received", "message.sent")));
        var protocol = theSessionAnswersTheJdkClient();
        Thread.sleep(5_000);
        theSettledSessionCollectedItsHeapOnce(gcLog);

        var classes = loadedClasses(classLog);
        var threads = threadNames(world.podPid());
        System.out.printf("IdleFootprintIT: %d classes loaded, %d threads: %s%n", classes.size(), threads.size(), threads);

        assertThat(classes).as("the class log is read").contains("io.kubezap.session.runtime.SessionRuntime");
        assertThat(byFeature(classes, UNUSED_FEATURES)).as("classes of features this session does not use").isEmpty();
        assertThat(byFeature(threads, UNUSED_THREADS)).as("threads of features this session does not use").isEmpty();
        assertThat(protocol).as("the protocol the pod answered the JDK's client in").isEqualTo(HttpClient.Version.HTTP_1_1);
        theAotTrainingListCoversThem(classes);
        theIdleSessionHoldsNoDatabaseConnection();
        theIdleSessionQueriesNothing();
        assertThat(byFeature(loadedClasses(classLog), UNUSED_FEATURES)).as("classes of features this session does not use, after"
                + " idling and being scraped").isEmpty();
    }

    /**
     * Its pool closes what it has not used for KUBEZAP_DATABASE_IDLE_TIMEOUT: an idle session costs the server no connection.
     * Nothing of a session with a webhook polls the database (the webhook worker, the outbound worker): new work wakes them
     * in-process, so at the defaults too the connection is let go
     * (docs/benchmarks/2026-11-25-postgresql-10000-sessions-pgbouncer.md).
     */
    private void theIdleSessionHoldsNoDatabaseConnection() {
        await().atMost(IDLE_TIMEOUT.multipliedBy(2).plusSeconds(20)).until(this::databaseConnectionsOfThePod, count -> count == 0);
    }

    /**
     * Over {@link #IDLE_WATCH} of quiet, scraped by Prometheus meanwhile, the pod reads and writes no row of its tables (their scan and write counters, which
     * a backend reports at the latest when it ends: the pool closes it after the idle timeout). Its periodic jobs run on
     * longer periods (retention, media sweeps: hourly; the key store's copy only when owed; docs/architecture.md).
     */
    private void theIdleSessionQueriesNothing() throws Exception {
        scrapedAsPrometheusDoes();
        theIdleSessionHoldsNoDatabaseConnection();
        Thread.sleep(STATS_REPORTED.toMillis());
        long before = tableAccessesOfThePod();
        Thread.sleep(IDLE_WATCH.toMillis() / 2);
        scrapedAsPrometheusDoes();
        Thread.sleep(IDLE_WATCH.toMillis() / 2);
        theIdleSessionHoldsNoDatabaseConnection();
        Thread.sleep(STATS_REPORTED.toMillis());
        long accesses = tableAccessesOfThePod() - before;
        System.out.printf("IdleFootprintIT: %d table accesses by the idle pod in %s%n", accesses, IDLE_WATCH);
        assertThat(accesses).as("scans and row writes of the pod's tables while it idled %s", IDLE_WATCH).isZero();
    }

    /**
     * A scrape of /q/metrics as the chart's PodMonitor makes one every 30 s, in HTTP/1.1 as Prometheus asks (the
     * management interface would answer an h2c upgrade): the gauges of rows (webhook deliveries pending, sends queued)
     * answer from what they last counted while the session wrote nothing since.
     */
    private void scrapedAsPrometheusDoes() throws Exception {
        try (var prometheus = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            var scrape = prometheus.send(HttpRequest.newBuilder(URI.create(world.managementUrl() + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.body()).contains("kubezap_webhook_deliveries_pending 0.0").contains("kubezap_outbound_queue_depth 0.0");
        }
    }

    /** The test's own queries read only the statistics views, never the pod's tables. */
    private long tableAccessesOfThePod() throws java.sql.SQLException {
        return countOf("select coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0) + n_tup_ins + n_tup_upd + n_tup_del), 0)"
                + " from pg_stat_user_tables");
    }

    /** Every other client of the test database is the test's own, one connection per query and closed after it. */
    private long databaseConnectionsOfThePod() throws java.sql.SQLException {
        return countOf("select count(*) from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()");
    }

    private long countOf(String sql) throws java.sql.SQLException {
        try (var connection = world.podDatabase().getConnection(); var statement = connection.createStatement();
             var count = statement.executeQuery(sql)) {
            count.next();
            return count.getLong(1);
        }
    }

    /**
     * Once linked and quiet, the pod collects its heap once (start-up's promoted garbage given back:
     * docs/decisions/0008-one-heap-collection-once-settled.md), and never again: more traffic and more quiet periods after it ask for none.
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

    /**
     * What reaches a pod in a cluster: the gateway (and the operator) through the JDK's HttpClient, which asks a
     * plain-HTTP server for HTTP/2 (h2c) and is answered in HTTP/1.1, and the kubelet's probes over HTTP/1.1. Their
     * classes are part of what a linked session loads (and so of the AOT training list). Returns the protocol the JDK's
     * client was answered in.
     */
    private HttpClient.Version theSessionAnswersTheJdkClient() throws Exception {
        HttpClient.Version protocol;
        var request = HttpRequest.newBuilder(URI.create(world.podBaseUrl() + "/api/v1/sessions/loja-501"))
                .header("X-Api-Key", PodAgainstSimulator.API_KEY).build();
        try (var client = HttpClient.newHttpClient()) {
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("the session through the JDK's client: %s", response.body()).isEqualTo(200);
            protocol = response.version();
        }
        try (var kubelet = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (String probe : List.of(SessionApi.LIVE_PROBE, SessionApi.READY_PROBE)) {
                var answer = kubelet.send(HttpRequest.newBuilder(URI.create(world.managementUrl() + probe)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as("%s: %s", probe, answer.body()).isEqualTo(200);
            }
        }
        return protocol;
    }

    private List<String> deliveredEvents() {
        return webhooks.jsonAt("/hook").stream().map(body -> body.path("event").asText()).toList();
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
     * of this session's classes off the list, this fails; {@code -Daot.regenerate=true} writes this run's classes as the
     * list, in place of the old one (not added to it: a cached class an idle session never loads still costs every pod
     * resident pages of the cache, docs/benchmarks/2026-11-26-smaller-session-part-10b-aot-class-list.md; so the
     * list is what this session,
     * linked, texting both ways with a webhook, then idle, loaded, and nothing else).
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
            Files.write(Path.of("src/main/resources").resolve(AotTrainingClasses.RESOURCE.substring(1)), new TreeSet<>(named));
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
