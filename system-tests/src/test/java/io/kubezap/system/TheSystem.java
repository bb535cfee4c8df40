package io.kubezap.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.schema.SessionSchema;
import io.kubezap.simulator.SimulatorSettings;
import io.kubezap.simulator.WaSimulator;
import io.kubezap.system.node.NodeStandIn;
import io.kubezap.system.node.ServiceNetwork;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.awaitility.core.ConditionTimeoutException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;


/**
 * Everything a user of kubezap would have, on this machine: a Kubernetes API (the fabric8 mock), a node
 * ({@link NodeStandIn}) and its service network, PostgreSQL (embedded) with the database Secret the chart would
 * create, WhatsApp (the simulator) and the operator as a process. Started once for every test class of the suite,
 * stopped when the test JVM exits.
 */
final class TheSystem {

    static final String NAMESPACE = "default";
    /** Generous: JVM starts, Flyway and WhatsApp logins share two busy CPUs. */
    static final Duration PATIENCE = Duration.ofSeconds(300);
    static final ObjectMapper JSON = new ObjectMapper();

    private static TheSystem instance;

    private final Path workDir;
    private final List<AutoCloseable> parts = new ArrayList<>();
    private final MockCluster cluster;
    private final WaSimulator simulator;
    private final SimulatorControl phones;
    private final NodeStandIn node;
    private final ServiceNetwork network;
    private final QuarkusProcess operator;
    private final WebhookReceiver webhooks;
    private final EmbeddedPostgres postgres;
    private List<URI> gateways;
    /** The gateway replicas' ports, chosen before the operator starts: the first is where events' media links point. */
    private final List<Integer> gatewayPorts;
    private final HttpClient direct = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    private final HttpClient inCluster;

    static synchronized TheSystem get() {
        if (instance == null) {
            try {
                instance = new TheSystem();
            } catch (Exception e) {
                throw new IllegalStateException("the system did not start: " + e, e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
        }
        return instance;
    }

    private TheSystem() throws Exception {
        Path root = Path.of(System.getProperty("kubezap.repositoryRoot", ".."));
        workDir = Files.createDirectories(Path.of("target", "system").toAbsolutePath())
                .resolve("run-" + System.currentTimeMillis());
        Files.createDirectories(workDir);
        try {
            gatewayPorts = List.of(freePort(), freePort());
            postgres = keep(EmbeddedPostgres.builder().start());
            simulator = keep(WaSimulator.start(SimulatorSettings.ephemeral(workDir.resolve("truststore.p12"))));
            phones = new SimulatorControl(simulator);
            cluster = keep(MockCluster.start(workDir, root.resolve("helm/kubezap/files/crds/whatsappsessions.kubezap.io-v1.yml")));
            ClusterDatabase.secret(cluster.client(), postgres);
            ClusterDatabase.migrateLikeTheChartsHookJob(postgres, workDir);
            node = keep(NodeStandIn.start(cluster.client(), workDir.resolve("node"), SessionPodImages.of(root, simulator)));
            network = keep(ServiceNetwork.start(cluster.client(), node));
            inCluster = HttpClient.newBuilder().proxy(ProxySelector.of(network.address())).build();
            webhooks = keep(new WebhookReceiver());
            operator = keep(QuarkusProcess.start("operator", Path.of(System.getProperty("kubezap.operatorJar")), cluster.kubeconfig(),
                    network.clientJvmOptions(),
                    Map.of("QUARKUS_HTTP_PORT", "0",
                            "QUARKUS_MANAGEMENT_PORT", "0",
                            "KUBEZAP_DATABASE_SECRET", ClusterDatabase.SECRET,
                            "KUBEZAP_DATABASE_SECRET_NAMESPACE", MockCluster.OPERATOR_NAMESPACE,
                            // as the chart with the gateway: the pods' keys are copied where the gateway reads them
                            "KUBEZAP_GATEWAY_NAMESPACE", MockCluster.OPERATOR_NAMESPACE,
                            // the chart turns it on; its start-up permission check (a SelfSubjectRulesReview) is
                            // beyond the mock API, and one operator process needs no election
                            "QUARKUS_OPERATOR_SDK_LEADER_ELECTION_ENABLED", "false",
                            // the chart's 30 s would only slow the suite: how soon Connected is noticed
                            "KUBEZAP_POLL_CONNECTED_INTERVAL", "5s",
                            // the webhook receiver is on loopback: allowed as a cluster admin allows an in-cluster one
                            "KUBEZAP_SESSION_MEDIA_URL_ALLOW_LIST", "127.0.0.1",
                            // as the chart's gateway.publicUrl: events' media links lead to the first gateway replica
                            "KUBEZAP_SESSION_MEDIA_URL_BASE", "http://127.0.0.1:" + gatewayPorts.getFirst()),
                    workDir.resolve("operator.log")));
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /**
     * Two gateway replicas (started on first use), configured as the chart configures them: the gateway's namespace
     * for its keys, the admin Secret's database URL (its credentials in it, which the gateway drops) with the gateway's
     * own login ({@code kubezap_gateway}, its password given to the migration Job), one shared stream-token key, the
     * service network to reach pods.
     */
    synchronized List<URI> gateways() throws IOException {
        if (gateways == null) {
            List<URI> started = new ArrayList<>();
            for (String replica : List.of("a", "b")) {
                int port = gatewayPorts.get(started.size());
                int management = freePort();
                QuarkusProcess gateway = keep(QuarkusProcess.start("gateway",
                        Path.of(System.getProperty("kubezap.gatewayJar")), cluster.kubeconfig(), network.clientJvmOptions(),
                        Map.of("QUARKUS_HTTP_PORT", Integer.toString(port),
                                "QUARKUS_MANAGEMENT_PORT", Integer.toString(management),
                                "KUBEZAP_NAMESPACE", MockCluster.OPERATOR_NAMESPACE,
                                "KUBEZAP_GATEWAY_STREAM_TOKEN_KEY", "one-key-for-every-replica-of-the-test-system",
                                "QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"),
                                "QUARKUS_DATASOURCE_USERNAME", SessionSchema.GATEWAY_ROLE,
                                "QUARKUS_DATASOURCE_PASSWORD", ClusterDatabase.GATEWAY_PASSWORD),
                        workDir.resolve("gateway-" + replica + ".log")));
                URI base = URI.create("http://127.0.0.1:" + port);
                URI managementBase = URI.create("http://127.0.0.1:" + management);
                await("gateway " + replica + " ready",
                        () -> gateway.isAlive() && status(managementBase.resolve("/q/health/ready")) == 200);
                started.add(base);
            }
            gateways = List.copyOf(started);
        }
        return gateways;
    }

    private static int freePort() throws IOException {
        try (var free = new java.net.ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    /** The admin credential of the sessions' database, as the chart's Secret holds it. */
    java.sql.Connection database() throws java.sql.SQLException {
        return postgres.getPostgresDatabase().getConnection();
    }

    private int status(URI uri) {
        try {
            return direct.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private <T extends AutoCloseable> T keep(T part) {
        parts.addFirst(part);
        return part;
    }

    /** A gateway key as the chart's users make one: a labelled Secret in the namespace of the gateway's keys. */
    void gatewayKey(String name, String key, String role, String namespaces) {
        gatewayKey(name, Map.of("key", key, "role", role, "namespaces", namespaces));
    }

    /** A gateway key Secret with these fields ({@code key}, {@code role}, {@code namespaces}, {@code chats}, …). */
    void gatewayKey(String name, Map<String, String> fields) {
        client().secrets().inNamespace(MockCluster.OPERATOR_NAMESPACE).resource(new SecretBuilder()
                .withNewMetadata().withName(name).withNamespace(MockCluster.OPERATOR_NAMESPACE)
                .addToLabels("kubezap.io/gateway-key", "true").endMetadata()
                .withStringData(fields).build())
                .createOr(NonDeletingOperation::update);
    }

    /**
     * Session {@code name} created in {@link #NAMESPACE} through {@code gateway} with an admin {@code key}, its QR scanned
     * by the simulated phone {@code owner} (which must exist), and Connected.
     */
    void linkedThroughGateway(URI gateway, String key, String name, String owner) throws IOException, InterruptedException {
        HttpResponse<String> created = direct.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/sessions"))
                .header("X-Api-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + name + "\", \"namespace\": \"" + NAMESPACE
                        + "\", \"pairing\": {\"method\": \"QR\"}}")).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creating session " + name + ": " + created.statusCode() + " " + created.body());
        }
        String qr = awaitQr(name, "a QR", code -> true);
        control("POST", "/api/phones/" + owner + "/scan", Map.of("qr", qr));
        awaitSession(name, "Connected", s -> s.getStatus().getPhase() == SessionPhase.Connected);
    }

    KubernetesClient client() {
        return cluster.client();
    }

    /** The API server's answers to TokenReviews and SubjectAccessReviews. */
    io.kubezap.system.apiserver.AccessReviews reviews() {
        return cluster.reviews();
    }

    Path kubeconfig() {
        return cluster.kubeconfig();
    }

    NodeStandIn node() {
        return node;
    }

    WebhookReceiver webhooks() {
        return webhooks;
    }

    Path workDir() {
        return workDir;
    }

    /** {@code kubectl apply -f} of a manifest of this repository, after {@code edit}: create or update each object. */
    void apply(String manifest, UnaryOperator<String> edit) throws IOException {
        Path file = Path.of(System.getProperty("kubezap.repositoryRoot", "..")).resolve(manifest);
        String yaml = edit.apply(Files.readString(file));
        client().load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).inNamespace(NAMESPACE)
                .resources().forEach(resource -> resource.createOr(NonDeletingOperation::update));
    }

    WhatsAppSession session(String name) {
        return client().resources(WhatsAppSession.class).inNamespace(NAMESPACE).withName(name).get();
    }

    /** Waits until the session's status satisfies {@code condition}; says what everyone saw if it never does. */
    WhatsAppSession awaitSession(String name, String what, Predicate<WhatsAppSession> condition) {
        try {
            return org.awaitility.Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).ignoreExceptionsInstanceOf(RuntimeException.class)
                    .until(() -> session(name), session -> operatorAlive() && session != null && session.getStatus() != null
                            && condition.test(session));
        } catch (ConditionTimeoutException timeout) {
            throw new AssertionError("session " + name + " never showed " + what + "; " + diagnosis(name), timeout);
        }
    }

    /**
     * The QR payload the session waits to be scanned with, as its linking Secret holds it (what {@code edit} reads;
     * the resource's status tells only that a QR waits), once one is there that {@code accepted} takes.
     */
    String awaitQr(String name, String what, Predicate<String> accepted) {
        try {
            return org.awaitility.Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptionsInstanceOf(RuntimeException.class)
                    .until(() -> pairingSecret(name, io.kubezap.contract.SessionObjectNames.PAIRING_QR_KEY),
                            qr -> operatorAlive() && qr != null && accepted.test(qr));
        } catch (ConditionTimeoutException timeout) {
            throw new AssertionError("session " + name + " never showed " + what + "; " + diagnosis(name), timeout);
        }
    }

    /** A key of the session's linking Secret, decoded; null while it is not there. */
    String pairingSecret(String name, String key) {
        var secret = client().secrets().inNamespace(NAMESPACE)
                .withName(io.kubezap.contract.SessionObjectNames.pairingSecretName(name)).get();
        String value = secret == null || secret.getData() == null ? null : secret.getData().get(key);
        return value == null ? null : new String(java.util.Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
    }

    /** Edits the session's spec as {@code kubectl edit} would. */
    void editSession(String name, java.util.function.Consumer<io.kubezap.api.v1alpha1.WhatsAppSessionSpec> edit) {
        client().resources(WhatsAppSession.class).inNamespace(NAMESPACE).withName(name).edit(session -> {
            edit.accept(session.getSpec());
            return session;
        });
    }

    /** The first delivery to {@code path} whose body holds {@code text}. */
    WebhookReceiver.Delivery awaitDelivery(String path, String text) {
        await("a webhook delivery to " + path + " holding '" + text + "'",
                () -> webhooks.deliveries(path).stream().anyMatch(d -> d.body().contains(text)));
        return webhooks.deliveries(path).stream().filter(d -> d.body().contains(text)).findFirst().orElseThrow();
    }

    /** Waits for something other than the session's status. */
    static void await(String what, java.util.concurrent.Callable<Boolean> condition) {
        try {
            org.awaitility.Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(condition);
        } catch (ConditionTimeoutException timeout) {
            throw new AssertionError("waited in vain for " + what, timeout);
        }
    }

    private boolean operatorAlive() {
        if (!operator.isAlive()) {
            throw new AssertionError("the operator process exited; see " + workDir.resolve("operator.log"));
        }
        return true;
    }

    String diagnosis(String name) {
        var session = session(name);
        return "status " + (session == null ? "(gone)" : io.fabric8.kubernetes.client.utils.Serialization.asJson(session.getStatus()))
                + "; pod " + client().pods().inNamespace(NAMESPACE).withName(name + "-0").get()
                + "; node error " + node.lastError().map(Throwable::toString).orElse("none")
                + "; operator alive " + operator.isAlive() + "; logs under " + workDir;
    }

    /** Event reasons recorded for the session, oldest first. */
    List<String> eventReasons(String name) {
        return client().v1().events().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(event -> name.equals(event.getInvolvedObject().getName())
                        && "WhatsAppSession".equals(event.getInvolvedObject().getKind()))
                .map(Event::getReason)
                .toList();
    }

    /** The session's REST API as an in-cluster caller reaches it: status.endpoint, through the service network. */
    JsonNode sessionApi(String name, String method, String path, Object body) {
        WhatsAppSession session = session(name);
        String apiKey = secretValue(session.getStatus().getApiKeySecret(), "api-key");
        var request = HttpRequest.newBuilder(URI.create(session.getStatus().getEndpoint() + "/api/v1/sessions/" + name + path))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : json(body));
        return send(inCluster, request.build(), method + " " + path + " on session " + name);
    }

    /** The session's REST API of one pod's own process, on the local port its container port 8080 was published on. */
    JsonNode podApi(int localPort, String name, String method, String path) {
        String apiKey = secretValue(session(name).getStatus().getApiKeySecret(), "api-key");
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + localPort + "/api/v1/sessions/" + name + path))
                .header("Authorization", "Bearer " + apiKey)
                .method(method, HttpRequest.BodyPublishers.noBody());
        return send(direct, request.build(), method + " " + path + " on a pod of session " + name);
    }

    String secretValue(String secret, String key) {
        var found = client().secrets().inNamespace(NAMESPACE).withName(secret).get();
        // the mock API keeps stringData as written (a real one folds it into data)
        if (found.getStringData() != null && found.getStringData().containsKey(key)) {
            return found.getStringData().get(key);
        }
        return new String(Base64.getDecoder().decode(found.getData().get(key)), StandardCharsets.UTF_8);
    }

    /**
     * Deletes the session as {@code kubectl delete} would, then waits until the owner's phone lists the device as
     * logged out and the resource is gone (its finalizer removed), and checks the operator said so in an Event.
     */
    void deleteAndSeeTheDeviceUnlinked(String name, String owner) {
        client().resources(WhatsAppSession.class).inNamespace(NAMESPACE).withName(name).delete();
        await("the phone to list the device as logged out", () -> deviceStatuses(owner).contains("LOGGED_OUT"));
        await("the session to be gone (finalizer removed)", () -> session(name) == null);
        if (!eventReasons(name).contains("LoggedOut")) {
            throw new AssertionError("no LoggedOut Event for " + name + ": " + eventReasons(name));
        }
    }

    /** The statuses ({@code LINKED}, {@code LOGGED_OUT}, …) of the devices linked to {@code phone}. */
    List<String> deviceStatuses(String phone) {
        List<String> statuses = new ArrayList<>();
        control("GET", "/api/phones/" + phone, null).path("devices")
                .forEach(device -> statuses.add(device.path("status").asText()));
        return statuses;
    }

    /** Whether {@code phone} received {@code text}. */
    boolean inboxHas(String phone, String text) {
        return phones.inboxHas(phone, text);
    }

    /** The simulator's control API (phones, their inboxes and devices). */
    JsonNode control(String method, String path, Object body) {
        return phones.control(method, path, body);
    }

    static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The answer's JSON body; an answer other than 2xx is an error that says {@code what} was asked. */
    static JsonNode send(HttpClient http, HttpRequest request, String what) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void close() {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception ignored) {
                // stop the rest anyway
            }
        }
    }
}
