package io.kubezap.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.SessionObjectNames;
import io.kubezap.simulator.SimulatorSettings;
import io.kubezap.simulator.WaSimulator;
import io.kubezap.system.node.NodeStandIn;
import io.kubezap.system.node.ServiceNetwork;
import io.kubezap.testing.apiserver.EstablishedCrd;
import io.kubezap.testing.apiserver.KubeBinaries;
import io.kubezap.testing.apiserver.RealApiServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * A real cluster on this machine: kube-apiserver with its etcd and kube-controller-manager (StatefulSets become Pods,
 * garbage collection, node lifecycle), the node stand-in as its scheduler and kubelet, the service network,
 * PostgreSQL, WhatsApp (the simulator), and the operator as the image ships it (server-side apply on), logged in as
 * the chart's ServiceAccount with a token from the TokenRequest API, the chart's RBAC applied as rendered. Sessions go
 * in {@link #TENANT}, a namespace at Pod Security {@code restricted}. Skips the calling test without the binaries.
 */
final class RealCluster implements AutoCloseable {

    static final String TENANT = "loja";

    private final List<AutoCloseable> parts = new ArrayList<>();
    private final Path work;
    private RealApiServer server;
    private SimulatorControl phones;
    private NodeStandIn node;
    private QuarkusProcess operator;
    private Kubectl kubectl;
    private int operatorManagement;

    private RealCluster(Path work) {
        this.work = work;
    }

    static RealCluster start(String name) throws Exception {
        RealCluster cluster = new RealCluster(Files.createDirectories(Path.of("target", "real-cluster").toAbsolutePath()
                .resolve(name + "-" + System.currentTimeMillis())));
        try {
            cluster.launch();
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void launch() throws Exception {
        Path kubectlBinary = KubeBinaries.KUBECTL.require();
        server = keep(RealApiServer.start());
        server.startControllerManager();
        KubernetesClient admin = server.admin();
        EmbeddedPostgres postgres = keep(EmbeddedPostgres.builder().start());
        WaSimulator simulator = keep(WaSimulator.start(SimulatorSettings.ephemeral(work.resolve("truststore.p12"))));
        phones = new SimulatorControl(simulator);
        for (String namespace : List.of(RenderedChart.NAMESPACE, TENANT)) {
            admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                    .addToLabels("pod-security.kubernetes.io/enforce", "restricted").endMetadata().build()).create();
        }
        await("kube-controller-manager's \"default\" ServiceAccount in " + TENANT,
                () -> admin.serviceAccounts().inNamespace(TENANT).withName("default").get() != null);
        ClusterDatabase.secret(admin, postgres);
        ClusterDatabase.migrateLikeTheChartsHookJob(postgres, work);
        RenderedChart chart = RenderedChart.render(server.adminKubeconfig(), admin, Map.of(
                "postgresql.bundled.enabled", "false", "postgresql.external.secretName", ClusterDatabase.SECRET,
                "gateway.enabled", "false"));
        chart.applyIdentitiesAndRights(admin);
        EstablishedCrd.await(admin, "whatsappsessions.kubezap.io");

        node = keep(NodeStandIn.join(admin, work.resolve("node"), SessionPodImages.of(
                Path.of(System.getProperty("kubezap.repositoryRoot", "..")), simulator)));
        ServiceNetwork network = keep(ServiceNetwork.start(admin, node));
        String account = chart.all(Deployment.class).stream()
                .filter(d -> "kubezap-operator".equals(d.getMetadata().getName())).findFirst().orElseThrow()
                .getSpec().getTemplate().getSpec().getServiceAccountName();
        Map<String, String> environment = new HashMap<>(chart.environment("kubezap-operator", admin));
        operatorManagement = freePort();
        environment.putAll(Map.of("QUARKUS_HTTP_PORT", "0", "QUARKUS_MANAGEMENT_PORT", String.valueOf(operatorManagement),
                // the chart's 30 s would only slow the test: how soon Connected is noticed
                "KUBEZAP_POLL_CONNECTED_INTERVAL", "5s"));
        operator = keep(QuarkusProcess.start("operator", Path.of(System.getProperty("kubezap.realOperatorJar")),
                ServiceAccountLogin.kubeconfig(admin, server.url(), RenderedChart.NAMESPACE, account,
                        work.resolve("operator.kubeconfig")), network.clientJvmOptions(), environment,
                work.resolve("operator.log")));
        kubectl = Kubectl.at(kubectlBinary, server.adminKubeconfig(), work.resolve("kubectl-home"));
    }

    KubernetesClient admin() {
        return server.admin();
    }

    /** The admin's kubectl, of the server's version. */
    Kubectl kubectl() {
        return kubectl;
    }

    /**
     * How many reconciles the operator started so far (JOSDK's counter on its metrics endpoint), e.g. to tell that a
     * quiet stretch held some.
     */
    long reconcilesStarted() throws java.io.IOException, InterruptedException {
        var response = java.net.http.HttpClient.newBuilder().proxy(java.net.http.HttpClient.Builder.NO_PROXY).build()
                .send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + operatorManagement
                        + "/q/metrics")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        Files.writeString(work.resolve("operator-metrics.txt"), response.body());
        return response.body().lines().filter(line -> line.startsWith("operator_sdk_reconciliations_started_total"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /**
     * No call of the operator was refused: the server's authorizer counted no denial (only the operator's
     * ServiceAccount can be denied here; everyone else is system:masters) and its log reports none.
     */
    void assertNoCallRefused() {
        ForbiddenCalls.saveMetrics(admin(), work.resolve("apiserver-403-metrics.txt"));
        List<String> refused = new ArrayList<>(ForbiddenCalls.countedByTheServer(admin()));
        refused.addAll(ForbiddenCalls.inLog(work.resolve("operator.log")));
        org.assertj.core.api.Assertions.assertThat(refused).as("calls the API server refused (logs under %s)", work).isEmpty();
    }

    NodeStandIn node() {
        return node;
    }

    Path work() {
        return work;
    }

    /** The simulator's control API (phones, their inboxes and devices). */
    JsonNode control(String method, String path, Object body) {
        return phones.control(method, path, body);
    }

    WhatsAppSession session(String name) {
        return admin().resources(WhatsAppSession.class).inNamespace(TENANT).withName(name).get();
    }

    /** The QR payload the session waits to be scanned with, from its linking Secret. */
    String awaitQr(String name) {
        String[] qr = new String[1];
        await("a QR in session " + name + "'s linking Secret", () -> {
            var secret = admin().secrets().inNamespace(TENANT).withName(SessionObjectNames.pairingSecretName(name)).get();
            String value = secret == null || secret.getData() == null ? null : secret.getData().get(SessionObjectNames.PAIRING_QR_KEY);
            qr[0] = value == null ? null : new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            return qr[0] != null;
        });
        return qr[0];
    }

    /** Waits until the session as the server stores it satisfies {@code condition}. */
    WhatsAppSession awaitSession(String name, String what, Predicate<WhatsAppSession> condition) {
        await("session " + name + " " + what, () -> {
            WhatsAppSession session = session(name);
            return session != null && session.getStatus() != null && condition.test(session);
        });
        return session(name);
    }

    /** Waits while the operator runs; a timeout says what the server holds and where the logs are. */
    void await(String what, Callable<Boolean> condition) {
        try {
            Awaitility.await().atMost(TheSystem.PATIENCE).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptionsInstanceOf(RuntimeException.class)
                    .failFast("the operator exited", () -> operator != null && !operator.isAlive())
                    .until(condition);
        } catch (ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
            throw new AssertionError("waited in vain for " + what + ": " + e.getMessage() + "; " + diagnosis(), e);
        }
    }

    private String diagnosis() {
        if (server == null) {
            return "";
        }
        StringBuilder seen = new StringBuilder("logs under ").append(work);
        try {
            admin().resources(WhatsAppSession.class).inNamespace(TENANT).list().getItems().forEach(session -> seen
                    .append("; session ").append(session.getMetadata().getName()).append(" status ")
                    .append(io.fabric8.kubernetes.client.utils.Serialization.asJson(session.getStatus())));
            admin().pods().inNamespace(TENANT).list().getItems().forEach(pod -> seen.append("; pod ")
                    .append(pod.getMetadata().getName()).append(" on ").append(pod.getSpec().getNodeName())
                    .append(" status ").append(io.fabric8.kubernetes.client.utils.Serialization.asJson(pod.getStatus())));
        } catch (RuntimeException e) {
            seen.append("; the server did not answer: ").append(e);
        }
        if (node != null) {
            node.lastError().ifPresent(error -> seen.append("; node stand-in's last error: ").append(error));
        }
        return seen.append(server.logTail()).toString();
    }

    private static int freePort() throws java.io.IOException {
        try (var free = new java.net.ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    private <T extends AutoCloseable> T keep(T part) {
        parts.addFirst(part);
        return part;
    }

    @Override
    public void close() {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception ignored) {
                // stop the rest anyway
            }
        }
    }
}
