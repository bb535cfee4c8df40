package io.kubezap.operator.it;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.Storage;
import io.kubezap.api.v1alpha1.WhatsAppSessionSpec;
import io.kubezap.contract.Placement;
import io.kubezap.contract.StorageMode;
import io.kubezap.contract.host.HostSessionFile;
import io.kubezap.operator.database.AdminDatabaseResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.kubezap.operator.it.OperatorCluster.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 81 (decision record 0021), the operator's wiring on the mock API server: a session placed on a host (its spec
 * or its namespace's default) gets no StatefulSet of its own; the namespace runs ceil(sessions / sessionsPerHost)
 * host StatefulSets, each told its sessions by its own Secret, with one disruption budget; the session's status names
 * its host and the host's address; the hosts shrink as sessions go and are gone with the last one. A running session
 * moved from its pod to a host loses its StatefulSet only once the host's Secret holds it; one moved back to its pod
 * leaves its host only once that pod is ready.
 * What a real API server would add (its garbage collector, a real StatefulSet controller) is not exercised here.
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStubResource.class)
@WithTestResource(AdminDatabaseResource.class)
class SessionHostsTest {

    private static final String BUDGET = "kubezap-hosts";
    private static final String POOL = "kubezap-hosts-pool";

    @Inject
    KubernetesClient client;

    private OperatorCluster cluster;

    @BeforeEach
    void setUp() {
        cluster = OperatorCluster.installed(client);
    }

    @Test
    void hostPlacedSessionsRunOnTheNamespacesHostsWhichFollowTheirCountAndGoWithTheLast() {
        OperatorCluster tenant = namespace("tenant-hosts");
        defaults("tenant-hosts", "placement: Host\nsessionsPerHost: 2");
        List<String> names = List.of("hosted-a", "hosted-b", "hosted-c");
        names.forEach(name -> tenant.create(name, spec -> databaseMode(spec, null)));

        // the operator writes the hosts' Secrets before their StatefulSets: wait for both
        await().atMost(PATIENCE).until(() -> hostSecrets(tenant).size() == 2 && sessionsOnHosts(tenant).equals(Set.copyOf(names))
                && hostStatefulSets(tenant).size() == 2);
        assertThat(hostStatefulSets(tenant)).containsExactly("kubezap-host-0", "kubezap-host-1");
        assertThat(client.policy().v1().podDisruptionBudget().inNamespace("tenant-hosts").withName(BUDGET).get()).isNotNull();
        names.forEach(name -> assertThat(tenant.statefulSet(name)).as("no StatefulSet of its own: " + name).isNull());
        await().atMost(PATIENCE).until(() -> names.stream().allMatch(name -> hostOf(tenant, name) != null));
        for (String name : names) {
            String host = hostOf(tenant, name);
            assertThat(entriesOf(tenant, host)).as(name + " is in the Secret of the host its status names").contains(name);
            assertThat(tenant.session(name).getStatus().getEndpoint())
                    .isEqualTo("http://" + host + "-0.kubezap-sessions.tenant-hosts.svc:8080");
        }
        Secret entry = client.secrets().inNamespace("tenant-hosts").withName(hostOf(tenant, "hosted-a") + "-sessions").get();
        String file = new String(Base64.getDecoder().decode(entry.getData().get("hosted-a.json")), StandardCharsets.UTF_8);
        HostSessionFile.Entry read = HostSessionFile.read("hosted-a", file);
        assertThat(read.settings()).containsEntry("KUBEZAP_SESSION", "hosted-a");
        assertThat(read.settings().get("KUBEZAP_API_KEY")).as("the API key, resolved from its Secret").isNotBlank();
        Secret own = client.secrets().inNamespace("tenant-hosts").withName("hosted-a-database").get();
        assertThat(pool(tenant).getData()).as("the hosts' login: the namespace's role every session's Secret holds, no token")
                .containsOnlyKeys("jdbc-uri", "username", "password")
                .containsAllEntriesOf(Map.of("jdbc-uri", own.getData().get("jdbc-uri"), "username", own.getData().get("username"),
                        "password", own.getData().get("password")));
        assertThat(client.apps().statefulSets().inNamespace("tenant-hosts").withName("kubezap-host-0").get().getSpec().getTemplate()
                .getSpec().getContainers().getFirst().getEnv())
                .anySatisfy(env -> {
                    assertThat(env.getName()).isEqualTo("QUARKUS_DATASOURCE_PASSWORD");
                    assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo(POOL);
                })
                .anySatisfy(env -> assertThat(env.getName() + "=" + env.getValue()).isEqualTo("KUBEZAP_STORAGE_MODE=Database"));

        tenant.delete("hosted-c");
        tenant.delete("hosted-b");
        await().atMost(PATIENCE).until(() -> hostStatefulSets(tenant).size() == 1 && hostSecrets(tenant).size() == 1
                && sessionsOnHosts(tenant).equals(Set.of("hosted-a")));
        assertThat(client.policy().v1().podDisruptionBudget().inNamespace("tenant-hosts").withName(BUDGET).get()).isNotNull();

        tenant.delete("hosted-a");
        await().atMost(PATIENCE).until(() -> tenant.session("hosted-a") == null);
        await().atMost(PATIENCE).until(() -> hostStatefulSets(tenant).isEmpty() && hostSecrets(tenant).isEmpty()
                && client.policy().v1().podDisruptionBudget().inNamespace("tenant-hosts").withName(BUDGET).get() == null
                && pool(tenant) == null);
    }

    @Test
    void aRunningSessionMovedToAHostLosesItsStatefulSetOnlyOnceTheHostsSecretHoldsIt() {
        OperatorCluster tenant = namespace("tenant-moves");
        tenant.create("moving", spec -> databaseMode(spec, Placement.Pod));
        tenant.podReady("moving");
        assertThat(hostSecrets(tenant)).isEmpty();

        tenant.editSpec("moving", spec -> spec.setPlacement(Placement.Host));
        List<String> seen = new ArrayList<>();
        await().atMost(PATIENCE).until(() -> {
            boolean own = tenant.statefulSet("moving") != null;
            boolean onHost = sessionsOnHosts(tenant).contains("moving");
            seen.add((own ? "pod" : "-") + "+" + (onHost ? "host" : "-"));
            return !own;
        });
        assertThat(seen).as("each look: the session's own StatefulSet + the host's Secret").doesNotContain("-+-")
                .last().isEqualTo("-+host");
        await().atMost(PATIENCE).until(() -> "kubezap-host-0".equals(hostOf(tenant, "moving")));
    }

    @Test
    void aSessionMovedBackToItsOwnPodLeavesItsHostOnlyOnceThatPodIsReady() {
        OperatorCluster tenant = namespace("tenant-returns");
        tenant.create("returning", spec -> databaseMode(spec, Placement.Host));
        await().atMost(PATIENCE).until(() -> "kubezap-host-0".equals(hostOf(tenant, "returning"))
                && sessionsOnHosts(tenant).contains("returning"));

        tenant.editSpec("returning", spec -> spec.setPlacement(Placement.Pod));
        long moved = tenant.session("returning").getMetadata().getGeneration();
        // the reconcile that made the pod's StatefulSet has written its status: it kept the session on its host
        await().atMost(PATIENCE).until(() -> tenant.statefulSet("returning") != null
                && Long.valueOf(moved).equals(tenant.session("returning").getStatus().getObservedGeneration()));
        tenant.podsCreated("returning");
        assertThat(sessionsOnHosts(tenant)).as("on its host while its own pod is not ready").contains("returning");
        assertThat(hostOf(tenant, "returning")).isEqualTo("kubezap-host-0");

        tenant.podReady("returning");
        await().atMost(PATIENCE).until(() -> !sessionsOnHosts(tenant).contains("returning") && hostOf(tenant, "returning") == null);
        assertThat(tenant.statefulSet("returning")).as("its own StatefulSet stays").isNotNull();
        await().atMost(PATIENCE).until(() -> hostStatefulSets(tenant).isEmpty() && hostSecrets(tenant).isEmpty());
    }

    /** A changed login reaches the hosts as it reaches session pods: through the sessions' Secrets, to the pool Secret. */
    @Test
    void aChangedDatabaseUrlReachesTheHostsPoolSecretAndRollsTheHost() {
        OperatorCluster tenant = namespace("tenant-login");
        tenant.create("logging-in", spec -> databaseMode(spec, Placement.Host));
        await().atMost(PATIENCE).until(() -> pool(tenant) != null && hostDigest(tenant) != null);
        String before = hostDigest(tenant);

        String pooled = OperatorCluster.databaseUrl() + "?prepareThreshold=0";
        cluster.databaseSecret("s3cret", Map.of("session-jdbc-uri", pooled));

        await().atMost(PATIENCE).until(() -> pooled.equals(decoded(pool(tenant).getData().get("jdbc-uri")))
                && !before.equals(hostDigest(tenant)));
    }

    /** The digest of the pool Secret host 0's pod template carries; null while there is no host. */
    private String hostDigest(OperatorCluster tenant) {
        var host = client.apps().statefulSets().inNamespace(tenant.namespace()).withName("kubezap-host-0").get();
        return host == null ? null : host.getSpec().getTemplate().getMetadata().getAnnotations().get("kubezap.io/database-digest");
    }

    private static String decoded(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static void databaseMode(WhatsAppSessionSpec spec, Placement placement) {
        Storage storage = new Storage();
        storage.setMode(StorageMode.Database);
        spec.setStorage(storage);
        spec.setPlacement(placement);
        spec.setLogoutOnDelete(false);
    }

    private String hostOf(OperatorCluster tenant, String session) {
        var found = tenant.session(session);
        return found == null || found.getStatus() == null ? null : found.getStatus().getHost();
    }

    private List<String> hostStatefulSets(OperatorCluster tenant) {
        return client.apps().statefulSets().inNamespace(tenant.namespace()).withLabel("app.kubernetes.io/component", "session-host")
                .list().getItems().stream().map(set -> set.getMetadata().getName()).sorted().toList();
    }

    /** The hosts' sessions Secrets. */
    private List<Secret> hostSecrets(OperatorCluster tenant) {
        return client.secrets().inNamespace(tenant.namespace()).withLabel("app.kubernetes.io/component", "session-host")
                .list().getItems().stream().filter(secret -> !POOL.equals(secret.getMetadata().getName())).toList();
    }

    private Secret pool(OperatorCluster tenant) {
        return client.secrets().inNamespace(tenant.namespace()).withName(POOL).get();
    }

    private Set<String> sessionsOnHosts(OperatorCluster tenant) {
        Set<String> sessions = new TreeSet<>();
        hostSecrets(tenant).forEach(secret -> sessions.addAll(entriesOf(secret)));
        return sessions;
    }

    private Set<String> entriesOf(OperatorCluster tenant, String host) {
        Secret secret = client.secrets().inNamespace(tenant.namespace()).withName(host + "-sessions").get();
        return secret == null ? Set.of() : entriesOf(secret);
    }

    private static Set<String> entriesOf(Secret secret) {
        Set<String> sessions = new TreeSet<>();
        if (secret.getData() != null) {
            secret.getData().keySet().forEach(key -> HostSessionFile.sessionOf(key).ifPresent(sessions::add));
        }
        return sessions;
    }

    private OperatorCluster namespace(String name) {
        return cluster.madeNamespace(name);
    }

    private void defaults(String namespace, String yaml) {
        cluster.inNamespace(namespace).sessionDefaults(yaml);
    }
}
