package io.kubezap.session.e2e;

import io.kubezap.session.testing.PodProcess;
import io.kubezap.simulator.SimulatorSettings;
import io.kubezap.simulator.WaSimulator;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.kubezap.session.qr.QrLink;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/**
 * The real session pod (packaged jar, real Cobalt adapter) as a process, on an embedded PostgreSQL,
 * routed to an in-process WhatsApp simulator with the JVM options the simulator prints for clients.
 * The test talks to the pod over its REST API and to the simulated phones over the control API.
 */
final class PodAgainstSimulator implements AutoCloseable {

    private boolean closed;

    /** The simulator the pod is routed to: in this JVM, or the standalone jar. */
    interface Simulator extends AutoCloseable {
        String controlUrl();

        /** The JVM options that route a client's HTTPS to this simulator and trust its CA. */
        List<String> clientJvmOptions();
    }

    private record InProcessSimulator(WaSimulator simulator) implements Simulator {
        @Override
        public String controlUrl() {
            return simulator.controlUrl();
        }

        @Override
        public List<String> clientJvmOptions() {
            return simulator.clientJvmOptions();
        }

        @Override
        public void close() {
            simulator.close();
        }
    }

    static final String NOISE_ROOT_KEY = "KUBEZAP_BAILEYS_NOISE_ROOT_KEY";
    /**
     * Receipts by which a device tells WhatsApp it has a message, which WhatsApp then stops delivering: none (in the
     * foreground), {@code inactive}, {@code sender} (its own account's), {@code peer_msg}, {@code hist_sync}. Baileys 7
     * acknowledges a message with its receipt alone, as WhatsApp Web and whatsmeow do; Baileys 6 and Cobalt also send an
     * {@code <ack class="message">}.
     */
    private static final java.util.Set<String> DELIVERY_RECEIPTS = java.util.Set.of("", "inactive", "sender", "peer_msg", "hist_sync");
    static final String API_KEY = "e2e-api-key-0123456789abcdef";
    static final String NAMESPACE = "e2e";
    /** Generous: the pod's JVM start, Flyway and a WhatsApp login share two busy CPUs with other builds. */
    static final Duration PATIENCE = Duration.ofSeconds(120);

    private final String session;
    private final String logName;
    private final Path dataDir;
    private final Simulator simulator;
    private final Path databaseDir;
    private EmbeddedPostgres postgres;
    private final Map<String, String> extraEnvironment;
    private PodProcess pod;
    /** Set when the session runs on a session host: the host's directory of session entries. */
    private Path hostSessions;

    /** Where the session runs (issue 81): a pod of its own, or a session host that holds it (record 0021). */
    enum Placement { POD, HOST }

    private PodAgainstSimulator(String session, String logName, Path dataDir, Simulator simulator, Path databaseDir,
                                Map<String, String> extraEnvironment) throws IOException {
        this.session = session;
        this.logName = logName;
        this.dataDir = dataDir;
        this.simulator = simulator;
        this.databaseDir = databaseDir;
        this.postgres = database().start();
        this.extraEnvironment = new java.util.HashMap<>(extraEnvironment);
    }

    /** Sets a variable of the pod's environment from its next start on (a changed spec rolling the pod). */
    void setEnvironment(String name, String value) {
        extraEnvironment.put(name, value);
    }

    /** Simulator (in this JVM) and database under {@code workDir}; the pod is started separately with {@link #startPod()}. */
    static PodAgainstSimulator create(Path workDir, String session, Map<String, String> extraEnvironment) throws IOException {
        return create(workDir, session, extraEnvironment, Placement.POD);
    }

    /** The same with the simulator run as the standalone jar, the way users run the sandbox. */
    static PodAgainstSimulator createWithStandaloneSimulator(Path workDir, String session, Map<String, String> extraEnvironment)
            throws IOException {
        return create(workDir, session, extraEnvironment, StandaloneSimulator.start(workDir, logName("wa-simulator")));
    }

    /**
     * The same, the session placed as {@code placement} says: on {@link Placement#HOST}, {@link #startPod()} starts
     * the packaged pod as a session host holding this one session ({@link SessionOnAHost}); restarts, kills and
     * {@link #api()} work as on a pod of its own. A host runs Cobalt only (record 0021): a Baileys world is skipped.
     */
    static PodAgainstSimulator create(Path workDir, String session, Map<String, String> extraEnvironment,
                                      Placement placement) throws IOException {
        if (placement == Placement.HOST) {
            SessionOnAHost.assumeHostable(extraEnvironment);
        }
        // its own log: the same scenario on a pod of its own may run beside it, in another fork
        var world = create(workDir, session, extraEnvironment,
                new InProcessSimulator(WaSimulator.start(SimulatorSettings.ephemeral(workDir.resolve("truststore.p12")))),
                session + (placement == Placement.HOST ? "-host" : "-pod"));
        if (placement == Placement.HOST) {
            world.hostSessions = workDir.resolve("host-sessions");
        }
        return world;
    }

    private static PodAgainstSimulator create(Path workDir, String session, Map<String, String> extraEnvironment,
                                              Simulator simulator) throws IOException {
        return create(workDir, session, extraEnvironment, simulator, session + "-pod");
    }

    private static PodAgainstSimulator create(Path workDir, String session, Map<String, String> extraEnvironment,
                                              Simulator simulator, String what) throws IOException {
        try {
            return new PodAgainstSimulator(session, logName(what), workDir.resolve("data"), simulator,
                    workDir.resolve("postgres"), extraEnvironment);
        } catch (IOException | RuntimeException noDatabase) {
            closeQuietly(simulator);
            throw noDatabase;
        }
    }

    /**
     * {@code e2e-<test class>-<what>}: named after the test that sets this world up, not only after the session, since
     * two tests may pick one session name and the ITs run in parallel JVMs, each appending to its own log.
     */
    private static String logName(String what) {
        String test = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(caller -> caller != PodAgainstSimulator.class).findFirst())
                .map(Class::getSimpleName).orElseThrow();
        return "e2e-" + test + "-" + what;
    }

    private static void closeQuietly(Simulator simulator) {
        try {
            simulator.close();
        } catch (Exception alsoFailed) {
            // the database failure is the one to report
        }
    }

    void startPod() {
        startPod(List.of());
    }

    /** The pod with extra JVM options (a benchmark's heap and collector, say). */
    void startPod(List<String> extraJvmOptions) {
        if (hostSessions != null) {
            startAsHost(extraJvmOptions);
            return;
        }
        var jvmOptions = new java.util.ArrayList<>(simulator.clientJvmOptions());
        jvmOptions.addAll(extraJvmOptions);
        var environment = new java.util.HashMap<>(PodProcess.environment(session, NAMESPACE, API_KEY, dataDir, postgres));
        environment.put(NOISE_ROOT_KEY, noiseRootKey());
        environment.putAll(extraEnvironment);
        pod = PodProcess.start(jvmOptions, environment, logName);
    }

    /** The packaged pod as a host of this world's one session, its entry written as the operator writes it. */
    private void startAsHost(List<String> extraJvmOptions) {
        var host = new SessionOnAHost(session, NAMESPACE, API_KEY, extraEnvironment);
        host.writeEntry(hostSessions);
        var jvmOptions = new java.util.ArrayList<>(simulator.clientJvmOptions());
        jvmOptions.addAll(extraJvmOptions);
        pod = PodProcess.start(jvmOptions,
                host.hostEnvironment(PodProcess.environment(session, NAMESPACE, API_KEY, dataDir, postgres), hostSessions),
                logName);
    }

    /**
     * The pod as a session host (record 0021): no session of its own ({@code KUBEZAP_SESSION} and its API key unset),
     * told its sessions by the files in {@code sessionsDirectory}, as its mounted Secret tells a host in a cluster.
     */
    void startHost(Path sessionsDirectory) {
        var environment = new java.util.HashMap<>(PodProcess.environment(session, NAMESPACE, API_KEY, dataDir, postgres));
        environment.remove("KUBEZAP_SESSION");
        environment.remove("KUBEZAP_API_KEY");
        environment.put("KUBEZAP_HOST_SESSIONS_DIR", sessionsDirectory.toString());
        environment.putAll(extraEnvironment);
        startHost(environment);
    }

    /** The pod as a session host with exactly {@code environment} (and the simulator's routing, a JVM option). */
    void startHost(Map<String, String> environment) {
        pod = PodProcess.start(new java.util.ArrayList<>(simulator.clientJvmOptions()), environment, logName);
    }

    /** The test's PostgreSQL as a pod's URL names it: no login in it (pgjdbc would prefer that to the pod's user). */
    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres";
    }

    /** The API of session {@code name} on the running pod, with {@code apiKey}. */
    RequestSpecification api(String name, String apiKey) {
        return given().baseUri(pod.baseUrl()).basePath("/api/v1/sessions/" + name)
                .header("X-Api-Key", apiKey).contentType(ContentType.JSON);
    }

    /** The schema migrated as a release's migration Job does (the {@code migrate} command), for a pod started without. */
    void migrateAsTheReleaseJobDoes() throws InterruptedException {
        assertThat(PodProcess.migrate(postgres, logName + "-migrate", PATIENCE.toSeconds())).as("the migration runner's exit code").isZero();
    }

    /**
     * A second pod of the same session, on its own data directory and ports, with the same database and environment:
     * what a node that comes back runs after the session's pod was started elsewhere. Its API with {@link #api(PodProcess)}.
     */
    PodProcess startAnotherPod(Path itsDataDir, String what) {
        var environment = new java.util.HashMap<>(PodProcess.environment(session, NAMESPACE, API_KEY, itsDataDir, postgres));
        environment.put(NOISE_ROOT_KEY, noiseRootKey());
        environment.putAll(extraEnvironment);
        return PodProcess.start(new java.util.ArrayList<>(simulator.clientJvmOptions()), environment, logName + "-" + what);
    }

    /**
     * The simulator's Noise root key ({@code noiseRootPublicKey} of its {@code /api/info}), for the Baileys bridge: Baileys 7
     * pins WhatsApp's, which a stand-in cannot sign with (the bridge's README, "Against wa-simulator").
     */
    private String noiseRootKey() {
        return control().get("/api/info").then().statusCode(200).extract().path("noiseRootPublicKey");
    }

    /** The API of another pod of the session ({@link #startAnotherPod}). */
    RequestSpecification api(PodProcess other) {
        return given().baseUri(other.baseUrl()).basePath("/api/v1/sessions/" + session)
                .header("X-Api-Key", API_KEY).contentType(ContentType.JSON);
    }

    /** SIGTERM, then a new process on the same data directory and database. */
    void restartPod() throws InterruptedException {
        stopPod();
        startPod();
    }

    /** SIGTERM, and the pod's orderly stop (it writes its keys on the way out). */
    void stopPod() throws InterruptedException {
        if (!pod.stop(60)) {
            throw new AssertionError("the pod did not stop within 60 s of SIGTERM");
        }
    }

    /** SIGKILL, as the kernel's OOM killer or a node failure ends a pod: no shutdown hook runs. */
    void killPod() throws InterruptedException {
        pod.close();
    }

    /** Stops PostgreSQL (fast shutdown: it ends the pod's connections), as a failover or an outage would. */
    void stopDatabase() throws IOException {
        postgres.close();
    }

    /** PostgreSQL again, on the same port and data: the database is back. */
    void startDatabase() throws IOException {
        postgres = database().setPort(postgres.getPort()).start();
    }

    /** Kept on disk across {@link #stopDatabase()}, so that a restart finds the same data. */
    private EmbeddedPostgres.Builder database() {
        return EmbeddedPostgres.builder().setDataDirectory(databaseDir).setCleanDataDirectory(false);
    }

    /** The port of the simulator's CONNECT front on loopback (what {@code https.proxyPort} names for the pod). */
    int simulatorProxyPort() {
        return simulator.clientJvmOptions().stream().filter(option -> option.startsWith("-Dhttps.proxyPort="))
                .map(option -> Integer.parseInt(option.substring("-Dhttps.proxyPort=".length())))
                .findFirst().orElseThrow();
    }

    /** Whether the pod's readiness probe would pass ({@code /q/health/ready} answers 200). */
    /** The pod's management interface (health, {@code /q/metrics}). */
    String managementUrl() {
        return pod.managementUrl();
    }

    /** The file the pod's output is appended to. */
    Path podLog() {
        return Path.of("target", logName + ".log");
    }

    boolean podReady() {
        return pod.isReady();
    }

    /** The pod's process id, to read its memory from /proc. */
    long podPid() {
        return pod.pid();
    }

    /** The session's data directory: the pod's, or on a host the session's own under the host's. */
    Path dataDir() {
        return hostSessions == null ? dataDir : dataDir.resolve(session);
    }

    /** Where the pod's engine keeps the WhatsApp keys: Cobalt's store, or Baileys' auth state. */
    Path keyStore() {
        return dataDir.resolve("Baileys".equals(extraEnvironment.get("KUBEZAP_ENGINE")) ? "baileys" : "whatsapp");
    }

    /** The pod's database, to count exactly what it stored. */
    javax.sql.DataSource podDatabase() {
        return postgres.getPostgresDatabase();
    }

    /** The running pod's base URL (its port changes at each start). */
    String podBaseUrl() {
        return pod.baseUrl();
    }

    /** Whether the pod's process still runs (a start that failed ends it). */
    boolean podAlive() {
        return pod != null && pod.isAlive();
    }

    /** The pod's API under {@code /api/v1/sessions/{session}}, authenticated. */
    RequestSpecification api() {
        return api(session, API_KEY);
    }

    /** The simulator's control API. */
    RequestSpecification control() {
        return given().baseUri(simulator.controlUrl()).contentType(ContentType.JSON);
    }

    JsonPath state() {
        return api().get().then().statusCode(200).extract().jsonPath();
    }

    /** Waits (the pod may still be starting) until the session is in {@code phase}; returns that state. */
    JsonPath awaitPhase(String phase) {
        try {
            return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(this::state, state -> phase.equals(state.getString("phase")));
        } catch (ConditionTimeoutException timeout) {
            throw new AssertionError("the session never reached " + phase + "; " + whatBothSidesSay(), timeout);
        }
    }

    /** The pod's state and the simulator's view of its connections, for failure messages. */
    String whatBothSidesSay() {
        String podState;
        try {
            podState = api().get().asString();
        } catch (RuntimeException unreachable) {
            podState = "unreachable (" + unreachable + ")";
        }
        var connections = control().get("/api/connections").jsonPath();
        var lastNodes = connections.getList("id").isEmpty() ? "[]"
                : control().get("/api/connections/" + connections.getList("id").getLast() + "/nodes").asString();
        // first, before the long lists: a failure's message is often cut where it is shown
        String engineThread = pod == null ? "no pod" : pod.dumpThreads("kubezap-engine");
        return "pod state " + podState + "; the pod's engine thread (all threads in the pod's log): " + engineThread
                + "; PostgreSQL's busy sessions " + busyDatabaseSessions()
                + "; simulator connections " + connections.prettify()
                + "; nodes of the last connection " + lastNodes;
    }

    /** What each PostgreSQL session that is not idle waits on, and for whom: a pod stuck in a write names its cause. */
    private String busyDatabaseSessions() {
        if (postgres == null) {
            return "none: no database";
        }
        try (var connection = podDatabase().getConnection(); var statement = connection.createStatement();
             var rows = statement.executeQuery("""
                     select pid, state, wait_event_type, wait_event, pg_blocking_pids(pid) as blocked_by,
                            now() - xact_start as in_transaction, left(query, 120) as query
                     from pg_stat_activity where state <> 'idle' and pid <> pg_backend_pid() and backend_type = 'client backend'""")) {
            var sessions = new StringBuilder("[");
            while (rows.next()) {
                sessions.append(String.format("{pid %d, %s, waits %s/%s, blocked by %s, in transaction %s: %s} ",
                        rows.getInt("pid"), rows.getString("state"), rows.getString("wait_event_type"),
                        rows.getString("wait_event"), rows.getString("blocked_by"), rows.getString("in_transaction"),
                        rows.getString("query")));
            }
            return sessions.append("]").toString();
        } catch (java.sql.SQLException unreadable) {
            return "unreadable (" + unreadable.getMessage() + ")";
        }
    }

    /** Events of one type, newest first, as {@code GET /events?type=} lists them. */
    List<Map<String, Object>> events(String type) {
        return api().queryParam("type", type).queryParam("limit", 500).get("/events")
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    /** What one of those events says. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> payload(Map<String, Object> event) {
        return (Map<String, Object>) event.get("payload");
    }

    /** The id of the newest event of any type, 0 when there is none. */
    long lastEventId() {
        List<Integer> ids = api().queryParam("limit", 1).get("/events").then().statusCode(200)
                .extract().jsonPath().getList("items.id", Integer.class);
        return ids.isEmpty() ? 0 : ids.getFirst();
    }

    /** Events of {@code type} recorded after the event {@code afterId}. */
    List<Map<String, Object>> eventsAfter(String type, long afterId) {
        return events(type).stream().filter(event -> ((Number) event.get("id")).longValue() > afterId).toList();
    }

    /** The first event of {@code type} about {@code group} after event {@code afterId} whose payload {@code matches}, once recorded. */
    Map<String, Object> awaitGroupEvent(String type, String group, long afterId, java.util.function.Predicate<Map<String, Object>> matches) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300))
                .until(() -> eventsAfter(type, afterId).stream().map(PodAgainstSimulator::payload)
                        .filter(payload -> group.equals(payload.get("group"))).filter(matches).reduce((newer, older) -> older),
                        Optional::isPresent)
                .orElseThrow();
    }

    /** The usual start of a scenario: the owner's phone and a customer's, the pod started and linked by QR; the device id. */
    int startLinked(String owner, String customer) {
        createPhone(owner, "Loja");
        createPhone(customer, "Cliente");
        startPod();
        int device = scanCurrentQr(owner);
        awaitPhase("Connected");
        return device;
    }

    /** Creates a simulated phone with a number and a push name. */
    void createPhone(String number, String pushName) {
        control().body(Map.of("number", number, "pushName", pushName)).post("/api/phones").then().statusCode(201);
    }

    /** The LID WhatsApp gives the simulated phone {@code number} ({@code <lid>@lid}). */
    String lidOf(String number) {
        return control().get("/api/phones").jsonPath().getString("find { it.number == '" + number + "' }.lid");
    }

    /** Scans the QR the pod's API shows now (the wa.me link) with {@code phone}; returns the linked device's id. */
    int scanCurrentQr(String phone) {
        return scanCurrentQr(this::api, phone);
    }

    /** The same for the session {@code api} reaches (asked at each look: the pod may not listen yet). */
    int scanCurrentQr(java.util.function.Supplier<RequestSpecification> api, String phone) {
        String qr = await().atMost(PATIENCE).ignoreExceptions()
                .until(() -> api.get().queryParam("format", "raw").get("/qr").then().statusCode(200).extract().asString(),
                        shown -> shown.startsWith(QrLink.PREFIX + "2@"));
        String deviceJid = control().body(Map.of("qr", qr)).post("/api/phones/" + phone + "/scan")
                .then().statusCode(200).extract().path("deviceJid");
        return deviceId(deviceJid);
    }

    void injectFault(String phone, int deviceId, String type) {
        control().body(Map.of("type", type)).post("/api/phones/" + phone + "/devices/" + deviceId + "/faults")
                .then().statusCode(202);
    }

    /** Waits until the pod sent (or failed) message {@code id}; its WhatsApp id. */
    String awaitSent(String id) {
        return await().atMost(PATIENCE).until(() -> api().get("/messages/" + id).then().statusCode(200).extract().jsonPath(),
                        m -> List.of("sent", "delivered", "read", "failed").contains(m.getString("status")))
                .getString("waMessageId");
    }

    /** What {@code phone} received as {@code waId}, as its chat shows it now, if it did. */
    Optional<Map<String, Object>> atPhone(String phone, String waId) {
        return control().get("/api/phones/" + phone + "/messages").jsonPath().<Map<String, Object>>getList("$")
                .stream().filter(m -> waId.equals(m.get("id"))).findFirst();
    }

    /** Waits until {@code phone} received {@code waId}. */
    Map<String, Object> awaitAtPhone(String phone, String waId) {
        return await().atMost(PATIENCE).until(() -> atPhone(phone, waId), Optional::isPresent).orElseThrow();
    }

    /** The file {@code phone} received as {@code waId}, decrypted by the phone. */
    byte[] phoneFile(String phone, String waId) {
        return control().get("/api/phones/" + phone + "/messages/" + waId + "/media")
                .then().statusCode(200).extract().asByteArray();
    }

    /** Waits until the pod stored the message a phone sent as {@code waId}; the pod's message. */
    Map<String, Object> awaitIncoming(String waId) {
        return await().atMost(PATIENCE).until(() -> api().queryParam("direction", "in").queryParam("limit", 200)
                        .get("/messages").then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items")
                        .stream().filter(m -> waId.equals(m.get("waMessageId"))).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    /**
     * The ids of the messages {@code phone}'s device {@code deviceId} acknowledged (an ack or a delivery receipt): WhatsApp's
     * server will not deliver those again.
     */
    List<String> messagesAcked(String phone, int deviceId) {
        return control().get("/api/phones/" + phone + "/devices/" + deviceId + "/nodes").jsonPath()
                .<Map<String, Object>>getList("$").stream()
                .filter(node -> "ack".equals(node.get("tag")) && "message".equals(attribute(node, "class"))
                        || "receipt".equals(node.get("tag")) && DELIVERY_RECEIPTS.contains(attribute(node, "type")))
                .map(node -> attribute(node, "id")).toList();
    }

    @SuppressWarnings("unchecked")
    private static String attribute(Map<String, Object> node, String name) {
        return ((Map<String, String>) node.get("attributes")).getOrDefault(name, "");
    }

    /** The texts of the incoming messages the pod stored, oldest first. */
    List<String> incomingTexts() {
        List<String> newestFirst = api().queryParam("direction", "in").get("/messages")
                .then().statusCode(200).extract().jsonPath().getList("items.text", String.class);
        return newestFirst.reversed();
    }

    /** {@code phone} writes {@code text} to {@code owner}, the session's number; waits until the session stored it. */
    void phoneWritesAndTheSessionStoresIt(String phone, String owner, String text) {
        control().body(Map.of("to", owner, "text", text)).post("/api/phones/" + phone + "/messages").then().statusCode(202);
        await().atMost(PATIENCE).until(this::incomingTexts, texts -> texts.contains(text));
    }

    /** {@code 5511999990001:3@s.whatsapp.net} → 3. */
    static int deviceId(String deviceJid) {
        return Integer.parseInt(deviceJid.substring(deviceJid.indexOf(':') + 1, deviceJid.indexOf('@')));
    }

    /**
     * Once: a parameterized class's second invocation, skipped before it made a world of its own (no Node.js for
     * Baileys), still closes the field the first left, and a second close of the simulator throws.
     */
    @Override
    public void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        try (simulator; EmbeddedPostgres database = postgres) {
            if (pod != null) {
                pod.close();
            }
        }
    }
}
