package io.kubezap.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.testing.apiserver.EstablishedCrd;
import io.kubezap.testing.apiserver.RealApiServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The operator and the gateway on a real kube-apiserver, each logged in as the chart's ServiceAccount with a token
 * from the TokenRequest API, so that the server's RBAC authorizer judges every call against the Roles the chart
 * renders (applied as rendered). Cluster-wide and with watchNamespaces. A session created through the gateway is
 * reconciled (its Secret, StatefulSet, Services, NetworkPolicies, the gateway's copy of its key, its status), read
 * back through the gateway by a ServiceAccount token (TokenReview, SubjectAccessReview) and its pod, as the
 * StatefulSet would create it, is admitted at Pod Security {@code restricted}. No call may be refused: the server's
 * count of 403 answers stays at zero and neither process logs one. No node runs: the session pod is not started.
 * Skips without the binaries (KUBEZAP_KUBE_APISERVER, KUBEZAP_ETCD).
 */
class RealApiServerRbacIT {

    private static final String TENANT = "tenant-a";
    private static final String OTHER_TENANT = "tenant-b";
    private static final String SESSION = "loja-1";
    private static final String EXTERNAL_DATABASE = "kubezap-database";
    private static final String GATEWAY_DATABASE = "kubezap-gateway-database-password";
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @Test
    void clusterWideTheChartGrantsEveryCallTheOperatorAndGatewayMake() throws Exception {
        run(Map.of());
    }

    @Test
    void withWatchNamespacesTheyNeedAndGetNothingClusterWide() throws Exception {
        run(Map.of("watchNamespaces[0]", TENANT, "watchNamespaces[1]", OTHER_TENANT));
    }

    private void run(Map<String, Object> watchNamespaces) throws Exception {
        boolean namespaced = !watchNamespaces.isEmpty();
        try (RealApiServer server = RealApiServer.start(); EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            KubernetesClient admin = server.admin();
            Path work = Files.createDirectories(Path.of("target", "real-apiserver-rbac").toAbsolutePath()
                    .resolve((namespaced ? "namespaced-" : "cluster-wide-") + System.currentTimeMillis()));
            for (String namespace : List.of(RenderedChart.NAMESPACE, TENANT, OTHER_TENANT)) {
                admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                        .addToLabels("pod-security.kubernetes.io/enforce", "restricted").endMetadata().build()).create();
                // what kube-controller-manager's ServiceAccount controller would make (none runs here)
                admin.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder().withNewMetadata()
                        .withName("default").endMetadata().build()).create();
            }
            // an external PostgreSQL (helm/README.md): its Secret, the gateway's password, the schema the hook Job migrates
            secret(admin, EXTERNAL_DATABASE, Map.of("jdbc-uri", postgres.getJdbcUrl("postgres", "postgres"),
                    "username", "postgres", "password", "postgres"));
            secret(admin, GATEWAY_DATABASE, Map.of("password", ClusterDatabase.GATEWAY_PASSWORD));
            ClusterDatabase.migrateLikeTheChartsHookJob(postgres, work);
            Map<String, Object> values = new HashMap<>(watchNamespaces);
            values.putAll(Map.of("postgresql.bundled.enabled", "false", "postgresql.external.secretName", EXTERNAL_DATABASE,
                    "gateway.database.existingSecret", GATEWAY_DATABASE,
                    // the session pods' NetworkPolicies, which the operator places in each session namespace
                    "networkPolicy.enabled", "true"));
            RenderedChart chart = RenderedChart.render(server.adminKubeconfig(), admin, values);
            chart.applyIdentitiesAndRights(admin);
            EstablishedCrd.await(admin, "whatsappsessions.kubezap.io");

            String operatorAccount = account(chart, "kubezap-operator");
            String gatewayAccount = account(chart, "kubezap-gateway");
            Map<String, String> operatorEnvironment = new HashMap<>(chart.environment("kubezap-operator", admin));
            operatorEnvironment.putAll(Map.of("QUARKUS_HTTP_PORT", "0", "QUARKUS_MANAGEMENT_PORT", "0"));
            int gatewayPort = freePort();
            int gatewayManagement = freePort();
            Map<String, String> gatewayEnvironment = new HashMap<>(chart.environment("kubezap-gateway", admin));
            gatewayEnvironment.putAll(Map.of("QUARKUS_HTTP_PORT", String.valueOf(gatewayPort),
                    "QUARKUS_MANAGEMENT_PORT", String.valueOf(gatewayManagement)));
            String keysNamespace = gatewayEnvironment.get("KUBEZAP_GATEWAY_KEYS_NAMESPACE");

            Path operatorLog = work.resolve("operator.log");
            Path gatewayLog = work.resolve("gateway.log");
            try (QuarkusProcess operator = QuarkusProcess.start("operator", Path.of(System.getProperty("kubezap.realOperatorJar")),
                    ServiceAccountLogin.kubeconfig(admin, server.url(), RenderedChart.NAMESPACE, operatorAccount,
                            work.resolve("operator.kubeconfig")), List.of(), operatorEnvironment, operatorLog);
                 QuarkusProcess gateway = QuarkusProcess.start("gateway", Path.of(System.getProperty("kubezap.gatewayJar")),
                         ServiceAccountLogin.kubeconfig(admin, server.url(), RenderedChart.NAMESPACE, gatewayAccount,
                                 work.resolve("gateway.kubeconfig")), List.of(), gatewayEnvironment, gatewayLog)) {
                URI gatewayBase = URI.create("http://127.0.0.1:" + gatewayPort);
                Calls calls = new Calls(admin, operator, gateway, work);
                calls.await("the gateway ready", () -> status(URI.create("http://127.0.0.1:" + gatewayManagement
                        + "/q/health/ready")) == 200);
                String adminKey = secretValue(admin, keysNamespace, "kubezap-gateway-admin-key", "key");

                HttpResponse<String> created = http.send(HttpRequest.newBuilder(gatewayBase.resolve("/api/v1/sessions"))
                        .header("X-Api-Key", adminKey).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + SESSION + "\", \"namespace\": \""
                                + TENANT + "\", \"pairing\": {\"method\": \"QR\"}}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(created.statusCode()).as("session created through the gateway: %s", created.body()).isEqualTo(201);

                calls.await("the operator's objects for the session and its status", () -> reconciled(admin, keysNamespace));
                WhatsAppSession session = admin.resources(WhatsAppSession.class).inNamespace(TENANT).withName(SESSION).get();
                assertThat(session.getStatus().getPhase()).as("status written").isNotNull();
                assertThat(admin.secrets().inNamespace(TENANT).withName(session.getStatus().getApiKeySecret()).get())
                        .as("the session's API key Secret").isNotNull();

                String caller = sessionReader(admin);
                HttpResponse<String> read = http.send(HttpRequest.newBuilder(gatewayBase.resolve("/api/v1/namespaces/"
                        + TENANT + "/sessions/" + SESSION)).header("Authorization", "Bearer " + caller).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(read.statusCode()).as("a ServiceAccount token's caller reads the session: %s", read.body()).isEqualTo(200);
                JsonNode body = TheSystem.JSON.readTree(read.body());
                assertThat(body.path("name").asText(body.toString())).contains(SESSION);

                assertPodAdmittedAtRestricted(admin);

                if (namespaced) {
                    for (String user : List.of(operatorAccount, gatewayAccount)) {
                        String username = "system:serviceaccount:" + RenderedChart.NAMESPACE + ":" + user;
                        for (String verb : List.of("list", "watch")) {
                            assertThat(ServiceAccountLogin.allowed(admin, username, verb, "kubezap.io", "whatsappsessions", null))
                                    .as("%s may %s sessions cluster-wide", user, verb).isFalse();
                            assertThat(ServiceAccountLogin.allowed(admin, username, verb, "", "secrets", null))
                                    .as("%s may %s Secrets cluster-wide", user, verb).isFalse();
                        }
                        assertThat(ServiceAccountLogin.allowed(admin, username, "list", "kubezap.io", "whatsappsessions", "default"))
                                .as("%s may list sessions in an unwatched namespace", user).isFalse();
                    }
                }
                calls.assertNoneRefused();
            }
        }
    }

    /**
     * Waits on the server while both processes run, and checks that nothing they asked was refused; on a timeout or
     * a process's exit says which calls the server refused.
     */
    private record Calls(KubernetesClient admin, QuarkusProcess operator, QuarkusProcess gateway, Path work) {

        void await(String what, java.util.concurrent.Callable<Boolean> condition) {
            try {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(240))
                        .pollInterval(java.time.Duration.ofSeconds(1)).ignoreExceptionsInstanceOf(RuntimeException.class)
                        .failFast("the operator or the gateway exited", () -> !operator.isAlive() || !gateway.isAlive())
                        .until(condition);
            } catch (org.awaitility.core.ConditionTimeoutException | org.awaitility.core.TerminalFailureException e) {
                throw new AssertionError("waited in vain for " + what + " (" + e.getMessage() + "); refused calls: "
                        + refused() + "; " + seen(admin) + "; logs under " + work, e);
            }
        }

        void assertNoneRefused() {
            assertThat(operator.isAlive()).as("the operator still runs").isTrue();
            assertThat(gateway.isAlive()).as("the gateway still runs").isTrue();
            assertThat(refused()).as("calls the API server refused (logs under %s)", work).isEmpty();
        }

        private List<String> refused() {
            ForbiddenCalls.saveMetrics(admin, work.resolve("apiserver-403-metrics.txt"));
            List<String> refused = new ArrayList<>(ForbiddenCalls.countedByTheServer(admin));
            refused.addAll(ForbiddenCalls.inLog(work.resolve("operator.log")));
            refused.addAll(ForbiddenCalls.inLog(work.resolve("gateway.log")));
            return refused;
        }
    }

    /** What the server holds in the tenant's and the gateway keys' namespaces, for a failure's message. */
    private static String seen(KubernetesClient admin) {
        WhatsAppSession session = admin.resources(WhatsAppSession.class).inNamespace(TENANT).withName(SESSION).get();
        return "session status " + (session == null ? "(none)" : io.fabric8.kubernetes.client.utils.Serialization
                .asJson(session.getStatus())) + "; in " + TENANT + ": " + names(admin.apps().statefulSets().inNamespace(TENANT).list().getItems())
                + names(admin.services().inNamespace(TENANT).list().getItems())
                + names(admin.network().v1().networkPolicies().inNamespace(TENANT).list().getItems())
                + names(admin.secrets().inNamespace(TENANT).list().getItems()) + "; all Secrets "
                + names(admin.secrets().inAnyNamespace().list().getItems());
    }

    private static String names(List<? extends io.fabric8.kubernetes.api.model.HasMetadata> objects) {
        return objects.stream().map(o -> o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName()).toList().toString();
    }

    /** The objects the operator makes for the session, each as the real server stores them, and a written status. */
    private static boolean reconciled(KubernetesClient admin, String keysNamespace) {
        WhatsAppSession session = admin.resources(WhatsAppSession.class).inNamespace(TENANT).withName(SESSION).get();
        return session != null && session.getStatus() != null && session.getStatus().getApiKeySecret() != null
                && admin.apps().statefulSets().inNamespace(TENANT).withName(SESSION).get() != null
                && !admin.services().inNamespace(TENANT).list().getItems().isEmpty()
                && !admin.network().v1().networkPolicies().inNamespace(TENANT).list().getItems().isEmpty()
                && !admin.secrets().inNamespace(keysNamespace).withLabel("kubezap.io/session-api-key-copy").list()
                .getItems().isEmpty();
    }

    /**
     * The pod the StatefulSet controller would create from the operator's StatefulSet (its claim templates as volumes),
     * created with a server-side dry run in a namespace at Pod Security {@code restricted}: admitted. A pod that is not
     * restricted is refused there, so the admission really judged.
     */
    private static void assertPodAdmittedAtRestricted(KubernetesClient admin) {
        StatefulSet statefulSet = admin.apps().statefulSets().inNamespace(TENANT).withName(SESSION).get();
        var spec = new io.fabric8.kubernetes.api.model.PodSpecBuilder(statefulSet.getSpec().getTemplate().getSpec());
        for (var claim : statefulSet.getSpec().getVolumeClaimTemplates()) {
            spec.addToVolumes(new VolumeBuilder().withName(claim.getMetadata().getName()).withNewPersistentVolumeClaim()
                    .withClaimName(claim.getMetadata().getName() + "-" + SESSION + "-0").endPersistentVolumeClaim().build());
        }
        Pod pod = new PodBuilder().withNewMetadataLike(statefulSet.getSpec().getTemplate().getMetadata())
                .withName(SESSION + "-0").withNamespace(TENANT).endMetadata().withSpec(spec.build()).build();
        Pod admitted = admin.pods().inNamespace(TENANT).resource(pod).dryRun().create();
        assertThat(admitted.getMetadata().getName()).isEqualTo(SESSION + "-0");

        Pod unrestricted = new PodBuilder().withNewMetadata().withName("unrestricted").withNamespace(TENANT).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec().build();
        assertThatThrownBy(() -> admin.pods().inNamespace(TENANT).resource(unrestricted).dryRun().create())
                .isInstanceOf(KubernetesClientException.class).hasMessageContaining("violates PodSecurity \"restricted");
    }

    /** A ServiceAccount of the tenant allowed to read its sessions (a Role the tenant's admin would write), and its token for the gateway. */
    private static String sessionReader(KubernetesClient admin) {
        admin.serviceAccounts().inNamespace(TENANT).resource(new ServiceAccountBuilder().withNewMetadata().withName("shop")
                .endMetadata().build()).create();
        admin.rbac().roles().inNamespace(TENANT).resource(new RoleBuilder().withNewMetadata().withName("session-reader")
                .endMetadata().addNewRule().withApiGroups("kubezap.io").withResources("whatsappsessions")
                .withVerbs("get", "list").endRule().build()).create();
        admin.rbac().roleBindings().inNamespace(TENANT).resource(new RoleBindingBuilder().withNewMetadata()
                .withName("shop-reads-sessions").endMetadata().withNewRoleRef().withApiGroup("rbac.authorization.k8s.io")
                .withKind("Role").withName("session-reader").endRoleRef().addNewSubject().withKind("ServiceAccount")
                .withName("shop").withNamespace(TENANT).endSubject().build()).create();
        return ServiceAccountLogin.token(admin, TENANT, "shop", "kubezap-gateway");
    }

    private static void secret(KubernetesClient admin, String name, Map<String, String> data) {
        admin.secrets().inNamespace(RenderedChart.NAMESPACE).resource(new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata().withName(name).endMetadata().withStringData(data).build()).create();
    }

    private static String account(RenderedChart chart, String deployment) {
        return chart.all(Deployment.class).stream().filter(d -> deployment.equals(d.getMetadata().getName())).findFirst()
                .orElseThrow().getSpec().getTemplate().getSpec().getServiceAccountName();
    }

    private static String secretValue(KubernetesClient admin, String namespace, String name, String key) {
        var secret = admin.secrets().inNamespace(namespace).withName(name).get();
        assertThat(secret).as("Secret %s/%s", namespace, name).isNotNull();
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    private int status(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (var free = new java.net.ServerSocket(0)) {
            return free.getLocalPort();
        }
    }
}
