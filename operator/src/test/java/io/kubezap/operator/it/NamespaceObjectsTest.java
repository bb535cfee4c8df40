package io.kubezap.operator.it;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.database.AdminDatabaseResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.kubezap.operator.it.OperatorCluster.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 50 (one headless Service per namespace, not one Service per session) and issue 53 item 10 (the session
 * NetworkPolicies in every namespace where sessions live, not only the release's): the operator keeps both once per
 * namespace, in a namespace made after it started too, writes them once however many sessions reconcile, puts them
 * back when removed, and takes them away with the namespace's last session. The policy's rules are the ones the
 * chart passes ({@code %test.kubezap.session.network-policies} in application.properties).
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStubResource.class)
@WithTestResource(AdminDatabaseResource.class)
class NamespaceObjectsTest {

    private static final String HEADLESS = "kubezap-sessions";
    private static final String POLICY = "kubezap-session-ingress";
    private static final String HOLD = "backup.example.com/hold";

    @Inject
    KubernetesClient client;

    private OperatorCluster cluster;

    @BeforeEach
    void setUp() {
        cluster = OperatorCluster.installed(client);
    }

    @Test
    void everySessionNamespaceGetsOneHeadlessServiceAndThePoliciesAlsoOneMadeAfterTheOperatorStarted() {
        OperatorCluster first = cluster.inNamespace("tenant-one");
        first.create("uno", spec -> spec.setLogoutOnDelete(false));
        first.create("dos", spec -> spec.setLogoutOnDelete(false));
        await().atMost(PATIENCE).until(() -> headless(first) != null && policy(first) != null
                && first.statefulSet("uno") != null && first.statefulSet("dos") != null);

        client.resource(new NamespaceBuilder().withNewMetadata().withName("tenant-late").endMetadata().build()).create();
        OperatorCluster late = cluster.inNamespace("tenant-late");
        late.create("tres", spec -> spec.setLogoutOnDelete(false));
        await().atMost(PATIENCE).until(() -> headless(late) != null && policy(late) != null
                && late.statefulSet("tres") != null);

        for (OperatorCluster namespace : java.util.List.of(first, late)) {
            Service headless = headless(namespace);
            assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
            assertThat(headless.getSpec().getSelector()).isEqualTo(Map.of("app.kubernetes.io/name", "kubezap-session"));
            assertThat(headless.getSpec().getPorts()).singleElement()
                    .satisfies(port -> assertThat(port.getPort()).isEqualTo(8080));
            assertThat(headless.getMetadata().getOwnerReferences()).isNullOrEmpty();
            NetworkPolicy policy = policy(namespace);
            assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                    .isEqualTo(Map.of("app.kubernetes.io/name", "kubezap-session"));
            assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
            assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
                assertThat(rule.getFrom()).singleElement().satisfies(peer -> assertThat(peer.getPodSelector()
                        .getMatchLabels()).isEqualTo(Map.of("kubezap.io/client", "true")));
                assertThat(rule.getPorts()).singleElement()
                        .satisfies(port -> assertThat(port.getPort().getIntVal()).isEqualTo(8080));
            });
        }
        assertThat(first.statefulSet("uno").getSpec().getServiceName()).isEqualTo(HEADLESS);
        assertThat(first.service("uno")).isNull();
        assertThat(late.statefulSet("tres").getSpec().getServiceName()).isEqualTo(HEADLESS);
    }

    @Test
    void theNamespacesObjectsAreWrittenOnceKeptAgainstDeletionAndGoWithItsLastSession() {
        OperatorCluster tenant = cluster.inNamespace("tenant-two");
        tenant.create("cuatro", spec -> spec.setLogoutOnDelete(false));
        await().atMost(PATIENCE).until(() -> headless(tenant) != null && policy(tenant) != null);
        String serviceVersion = headless(tenant).getMetadata().getResourceVersion();
        String policyVersion = policy(tenant).getMetadata().getResourceVersion();

        tenant.create("cinco", spec -> spec.setLogoutOnDelete(false));
        tenant.podReady("cinco");
        await().atMost(PATIENCE).until(() -> tenant.session("cinco").getStatus() != null
                && tenant.session("cinco").getStatus().getEndpoint() != null);
        assertThat(tenant.session("cinco").getStatus().getEndpoint())
                .isEqualTo("http://cinco-0.kubezap-sessions.tenant-two.svc:8080");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() ->
                serviceVersion.equals(headless(tenant).getMetadata().getResourceVersion())
                        && policyVersion.equals(policy(tenant).getMetadata().getResourceVersion()));

        client.network().v1().networkPolicies().inNamespace("tenant-two").withName(POLICY).delete();
        client.services().inNamespace("tenant-two").withName(HEADLESS).delete();
        await().atMost(PATIENCE).until(() -> headless(tenant) != null && policy(tenant) != null);

        tenant.delete("cuatro");
        await().atMost(PATIENCE).until(() -> tenant.session("cuatro") == null);
        assertThat(headless(tenant)).isNotNull();
        tenant.delete("cinco");
        await().atMost(PATIENCE).until(() -> tenant.session("cinco") == null);
        await().atMost(PATIENCE).until(() -> headless(tenant) == null && policy(tenant) == null);
    }

    /**
     * Issue 69: {@code kubectl delete whatsappsessions --all} takes the namespace's Service and NetworkPolicies with the
     * sessions, though each session's cleanup runs while the others, deleted too, still count (until their last
     * finalizer is gone). Another controller's finalizer on each session (a backup tool's) holds every one of them
     * until each cleanup ran; one of them waits for the others, and says so in an Event.
     */
    @Test
    void theNamespacesObjectsGoWhenAllItsSessionsAreDeletedTogether() {
        OperatorCluster tenant = cluster.inNamespace("tenant-five");
        List<String> names = List.of("nueve", "diez", "once");
        names.forEach(name -> tenant.create(name, spec -> spec.setLogoutOnDelete(false)));
        await().atMost(PATIENCE).until(() -> headless(tenant) != null && policy(tenant) != null
                && names.stream().allMatch(name -> tenant.statefulSet(name) != null));
        names.forEach(name -> tenant.edit(name, held -> held.getMetadata().getFinalizers().add(HOLD)));

        sessions(tenant).delete();
        // every cleanup has run: each one let its session go, or said it waits for the others
        await().atMost(PATIENCE).until(() -> sessions(tenant).list().getItems().stream().allMatch(session ->
                session.getMetadata().getFinalizers().equals(List.of(HOLD))
                        || tenant.eventReasons(session.getMetadata().getName()).contains("WaitingForOtherSessions")));
        names.forEach(name -> tenant.edit(name, held -> held.getMetadata().getFinalizers().remove(HOLD)));

        await().atMost(PATIENCE).until(() -> sessions(tenant).list().getItems().isEmpty());
        await().atMost(PATIENCE).until(() -> headless(tenant) == null && policy(tenant) == null);
    }

    private NonNamespaceOperation<WhatsAppSession, KubernetesResourceList<WhatsAppSession>, Resource<WhatsAppSession>> sessions(
            OperatorCluster namespace) {
        return client.resources(WhatsAppSession.class).inNamespace(namespace.namespace());
    }

    /**
     * Issue 71 item 4: the namespace's key-wrapping Secret is made once, with a random AES-256 key, before the
     * StatefulSet whose pod reads it; the admin's rotation (a new key first) is left as it is, and the Secret stays
     * after the namespace's last session (a kept volume or database copy still needs it).
     */
    @Test
    void theNamespacesKeyWrappingSecretIsMadeOnceLeftToTheAdminsRotationAndOutlivesTheLastSession() {
        OperatorCluster tenant = cluster.inNamespace("tenant-four");
        tenant.create("siete", spec -> spec.setLogoutOnDelete(false));
        await().atMost(PATIENCE).until(() -> tenant.statefulSet("siete") != null);
        var made = keyWrapping(tenant);
        assertThat(made).matches("k1:[A-Za-z0-9+/]{43}=");
        assertThat(java.util.Base64.getDecoder().decode(made.substring(3))).hasSize(32);
        assertThat(tenant.statefulSet("siete").getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv())
                .filteredOn(variable -> variable.getName().equals("KUBEZAP_KEY_WRAPPING_KEYS")).singleElement()
                .satisfies(variable -> assertThat(variable.getValueFrom().getSecretKeyRef().getName()).isEqualTo("kubezap-key-wrapping"));

        var rotated = "k2:" + java.util.Base64.getEncoder().encodeToString(new byte[32]) + "," + made;
        client.secrets().inNamespace("tenant-four").withName("kubezap-key-wrapping")
                .edit(secret -> { secret.setStringData(null); secret.setData(Map.of("keys", java.util.Base64.getEncoder().encodeToString(rotated.getBytes()))); return secret; });
        tenant.create("ocho", spec -> spec.setLogoutOnDelete(false));
        await().atMost(PATIENCE).until(() -> tenant.statefulSet("ocho") != null);
        tenant.delete("siete");
        tenant.delete("ocho");
        await().atMost(PATIENCE).until(() -> tenant.session("siete") == null && tenant.session("ocho") == null && headless(tenant) == null);
        assertThat(keyWrapping(tenant)).as("the admin's rotation, kept after the last session").isEqualTo(rotated);
    }

    private String keyWrapping(OperatorCluster namespace) {
        var secret = client.secrets().inNamespace(namespace.namespace()).withName("kubezap-key-wrapping").get();
        assertThat(secret).as("the namespace's key-wrapping Secret").isNotNull();
        return secret.getStringData() != null && secret.getStringData().containsKey("keys") ? secret.getStringData().get("keys")
                : new String(java.util.Base64.getDecoder().decode(secret.getData().get("keys")));
    }

    /**
     * A StatefulSet made by a release that gave each session its own Service keeps it (serviceName cannot change):
     * the operator keeps that Service and reports its address, until the StatefulSet is made again; then the pod
     * answers under the headless Service and the session's own Service goes.
     */
    @Test
    void aStatefulSetOfAnEarlierReleaseKeepsItsOwnServiceUntilItIsMadeAgain() {
        OperatorCluster tenant = cluster.inNamespace("tenant-three");
        tenant.create("seis", spec -> spec.setLogoutOnDelete(false));
        await().atMost(PATIENCE).until(() -> tenant.statefulSet("seis") != null);
        client.apps().statefulSets().inNamespace("tenant-three").withName("seis")
                .edit(set -> { set.getSpec().setServiceName("seis"); return set; });
        tenant.podReady("seis");

        await().atMost(PATIENCE).until(() -> tenant.service("seis") != null && "http://seis.tenant-three.svc:8080"
                .equals(tenant.session("seis").getStatus().getEndpoint()));
        assertThat(tenant.statefulSet("seis").getSpec().getServiceName()).isEqualTo("seis");
        assertThat(tenant.service("seis").getSpec().getType()).isEqualTo("ClusterIP");

        client.apps().statefulSets().inNamespace("tenant-three").withName("seis").delete();
        await().atMost(PATIENCE).until(() -> tenant.statefulSet("seis") != null
                && HEADLESS.equals(tenant.statefulSet("seis").getSpec().getServiceName()));
        tenant.podReady("seis");
        await().atMost(PATIENCE).until(() -> tenant.service("seis") == null && "http://seis-0.kubezap-sessions.tenant-three.svc:8080"
                .equals(tenant.session("seis").getStatus().getEndpoint()));
    }

    private Service headless(OperatorCluster namespace) {
        return namespace.service(HEADLESS);
    }

    private NetworkPolicy policy(OperatorCluster namespace) {
        return client.network().v1().networkPolicies().inNamespace(namespace.namespace()).withName(POLICY).get();
    }
}
