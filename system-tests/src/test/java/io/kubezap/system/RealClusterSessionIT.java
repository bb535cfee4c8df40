package io.kubezap.system;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Watchable;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.system.node.LostPod;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.kubezap.system.RealCluster.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 66, "Sessions end to end", on a real kube-apiserver ({@link RealCluster}): {@code examples/session-qr.yaml}
 * applied with kubectl becomes a StatefulSet, kube-controller-manager makes its Pod, the node stand-in binds and runs
 * it, and a simulated phone's scan links it: Connected. Then what the server stores is checked, not what the operator
 * meant to write: the status (phase, conditions with their reasons and observedGeneration), the Events recorded for
 * the session, the owner references of the objects made for it, the field managers of its writes, that a reconcile
 * of the settled session writes nothing (no server-side apply loop), and that the chart's RBAC refused none of the
 * operator's calls. Skips without the binaries (KUBEZAP_KUBE_APISERVER, KUBEZAP_ETCD, KUBEZAP_KUBE_CONTROLLER_MANAGER,
 * KUBEZAP_KUBECTL).
 */
class RealClusterSessionIT {

    private static final String SESSION = "loja-01";
    private static final String OWNER = "5511988880201";
    private static final String FIELD_MANAGER = "whatsappsession";
    /** Longer than the operator's connected-poll interval here (5 s) several times over. */
    private static final Duration QUIET = Duration.ofSeconds(30);

    @Test
    void aSessionAppliedWithKubectlConnectsAndTheServerStoresItsStatusEventsAndOwners() throws Exception {
        try (RealCluster cluster = RealCluster.start("session")) {
            KubernetesClient admin = cluster.admin();
            cluster.control("POST", "/api/phones", Map.of("number", OWNER, "pushName", "Loja Centro"));
            Path example = Path.of(System.getProperty("kubezap.repositoryRoot", "..")).resolve("examples/session-qr.yaml");
            assertThat(cluster.kubectl().ok("apply", "-n", TENANT, "-f", example.toString()))
                    .contains("whatsappsession.kubezap.io/" + SESSION + " created");

            cluster.control("POST", "/api/phones/" + OWNER + "/scan", Map.of("qr", cluster.awaitQr(SESSION)));
            WhatsAppSession connected = cluster.awaitSession(SESSION, "Connected, Ready and its account's push name",
                    session -> connectedAndReady(session) && session.getStatus().getAccount() != null
                            && "Loja Centro".equals(session.getStatus().getAccount().pushName()));

            assertStoredStatus(connected);
            assertEventsRecordedFor(admin, connected);
            assertOwnedByTheSession(admin, connected);
            assertWrittenByTheOperatorsFieldManager(admin, connected);
            assertNoUpdateLoop(cluster);
            restartedWithKubectlItComesBackConnected(cluster);
            cluster.assertNoCallRefused();
        }
    }

    /**
     * No update loop: once the session is Connected and its StatefulSet's status settled (its pod ready and
     * available), nothing the operator wrote makes it write again. For {@link #QUIET} every write to the session, its
     * StatefulSet, Services, Secrets and Pod is counted from watches (MODIFIED and the rest; the node stand-in writes a
     * pod's status only when it changed, and kube-controller-manager a StatefulSet's status only when its pod's did, so
     * a quiet pod leaves no write to explain away). At the start someone else labels the StatefulSet ({@code kubectl
     * label}): an event of the operator's StatefulSet informer, which wakes the reconciler; its server-side apply of the
     * unchanged desired StatefulSet, and its status of the unchanged observation, change nothing. Expected: that one
     * write, and none else. An apply the server stores otherwise than desired, two managers taking a field from each
     * other, or a status that differs at every reconcile (a timestamp, a list order) would each show as more.
     */
    private static void assertNoUpdateLoop(RealCluster cluster) throws Exception {
        KubernetesClient admin = cluster.admin();
        cluster.await("the StatefulSet's status settled: its pod ready and available", () -> {
            StatefulSet set = admin.apps().statefulSets().inNamespace(TENANT).withName(SESSION).get();
            var status = set.getStatus();
            return status != null && set.getMetadata().getGeneration().equals(status.getObservedGeneration())
                    && Integer.valueOf(1).equals(status.getReadyReplicas())
                    && Integer.valueOf(1).equals(status.getAvailableReplicas())
                    && Integer.valueOf(1).equals(status.getUpdatedReplicas());
        });
        WhatsAppSession before = cluster.session(SESSION);
        StatefulSet setBefore = admin.apps().statefulSets().inNamespace(TENANT).withName(SESSION).get();
        List<String> writes;
        try (Writes watched = new Writes()) {
            watched.watch(admin.resources(WhatsAppSession.class).inNamespace(TENANT),
                    admin.resources(WhatsAppSession.class).inNamespace(TENANT).list().getMetadata().getResourceVersion());
            watched.watch(admin.apps().statefulSets().inNamespace(TENANT),
                    admin.apps().statefulSets().inNamespace(TENANT).list().getMetadata().getResourceVersion());
            watched.watch(admin.services().inNamespace(TENANT),
                    admin.services().inNamespace(TENANT).list().getMetadata().getResourceVersion());
            watched.watch(admin.secrets().inNamespace(TENANT),
                    admin.secrets().inNamespace(TENANT).list().getMetadata().getResourceVersion());
            watched.watch(admin.pods().inNamespace(TENANT),
                    admin.pods().inNamespace(TENANT).list().getMetadata().getResourceVersion());
            long reconcilesBefore = cluster.reconcilesStarted();
            cluster.kubectl().ok("label", "-n", TENANT, "statefulset", SESSION, "example.com/audited=yes");
            Thread.sleep(QUIET.toMillis());
            writes = watched.seen();
            assertThat(cluster.reconcilesStarted()).as("reconciles in the quiet stretch (the label's at least)")
                    .isGreaterThan(reconcilesBefore);
        }
        assertThat(writes).as("writes in %s after the label (logs under %s)", QUIET, cluster.work())
                .containsExactly("MODIFIED StatefulSet " + SESSION);

        WhatsAppSession after = cluster.session(SESSION);
        assertThat(after.getMetadata().getResourceVersion()).as("the session's resourceVersion")
                .isEqualTo(before.getMetadata().getResourceVersion());
        assertThat(after.getMetadata().getGeneration()).isEqualTo(before.getMetadata().getGeneration());
        StatefulSet setAfter = admin.apps().statefulSets().inNamespace(TENANT).withName(SESSION).get();
        assertThat(setAfter.getMetadata().getGeneration()).as("the StatefulSet's generation")
                .isEqualTo(setBefore.getMetadata().getGeneration());
        assertThat(setAfter.getMetadata().getLabels()).containsEntry("example.com/audited", "yes");
    }

    /**
     * {@code kubectl rollout restart}: kube-controller-manager deletes the pod gracefully, the stand-in's kubelet stops
     * its process and removes the object for good, the StatefulSet controller makes the pod again, and the session is
     * Connected again from its volume, without a QR.
     */
    private static void restartedWithKubectlItComesBackConnected(RealCluster cluster) {
        KubernetesClient admin = cluster.admin();
        String before = admin.pods().inNamespace(TENANT).withName(SESSION + "-0").get().getMetadata().getUid();
        cluster.kubectl().ok("rollout", "restart", "-n", TENANT, "statefulset/" + SESSION);
        cluster.await("a new pod of the session, and the session Connected again", () -> {
            var pod = admin.pods().inNamespace(TENANT).withName(SESSION + "-0").get();
            return pod != null && !before.equals(pod.getMetadata().getUid()) && connectedAndReady(cluster.session(SESSION));
        });
        assertThat(devices(cluster)).as("the phone's devices").containsExactly("LINKED");
    }

    /** What the server's watches report, from a list's resourceVersion on: one line per change, without the object. */
    private static final class Writes implements AutoCloseable {
        private final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        private final List<String> details = Collections.synchronizedList(new ArrayList<>());
        private final List<Watch> watches = new ArrayList<>();

        <T extends HasMetadata> void watch(Watchable<T> objects, String resourceVersion) {
            watches.add(objects.watch(new ListOptionsBuilder().withResourceVersion(resourceVersion).build(), new Watcher<>() {
                @Override
                public void eventReceived(Action action, T object) {
                    if (action != Action.BOOKMARK) {
                        seen.add(action + " " + object.getKind() + " " + object.getMetadata().getName());
                        details.add(action + " " + object.getKind() + " " + object.getMetadata().getName() + " rv "
                                + object.getMetadata().getResourceVersion() + " managedFields "
                                + io.fabric8.kubernetes.client.utils.Serialization.asJson(object.getMetadata().getManagedFields()));
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                    seen.add("watch closed: " + cause);
                }
            }));
        }

        List<String> seen() {
            if (seen.size() > 1) {
                details.forEach(System.out::println);
            }
            return List.copyOf(seen);
        }

        @Override
        public void close() {
            watches.forEach(Watch::close);
        }
    }

    /**
     * NodeLossIT's power cut on a real cluster: nothing here plays the cluster's part by hand. The lost node's Lease is
     * no longer renewed, and kube-controller-manager's node lifecycle controller marks it NotReady and the session's
     * pod not ready; once the node's object is deleted, pod garbage collection deletes the pod and the StatefulSet
     * controller makes it again, which the stand-in's scheduler binds to the node that joined. The session, in storage
     * mode {@code Database}, comes back Connected there without a QR, on its one linked device.
     */
    @Test
    void aSessionWhoseNodeLosesPowerComesBackOnAnotherNodeWithoutAQr() throws Exception {
        try (RealCluster cluster = RealCluster.start("node-loss")) {
            KubernetesClient admin = cluster.admin();
            String session = "deposito";
            String pod = session + "-0";
            cluster.control("POST", "/api/phones", Map.of("number", OWNER, "pushName", "Depósito"));
            Path manifest = cluster.work().resolve("session-database.yaml");
            Files.writeString(manifest, Files.readString(Path.of(System.getProperty("kubezap.repositoryRoot", ".."))
                    .resolve("examples/session-qr.yaml")).replace("name: " + SESSION, "name: " + session)
                    .replace("    size: 1Gi", "    mode: Database\n    size: 1Gi"));
            cluster.kubectl().ok("apply", "-n", TENANT, "-f", manifest.toString());
            cluster.control("POST", "/api/phones/" + OWNER + "/scan", Map.of("qr", cluster.awaitQr(session)));
            cluster.awaitSession(session, "Connected and Ready", RealClusterSessionIT::connectedAndReady);

            LostPod lost = cluster.node().loseNodeOf(TENANT, pod, LostPod.Loss.POWER_OFF);
            cluster.await("kube-controller-manager to mark the lost node not ready and the pod not ready", () ->
                    ready(admin.nodes().withName(lost.node()).get()).equals("Unknown")
                            && ready(admin.pods().inNamespace(TENANT).withName(pod).get()).equals("False"));
            assertThat(admin.pods().inNamespace(TENANT).withName(pod).get().getSpec().getNodeName())
                    .as("no second pod while the first one's object is there").isEqualTo(lost.node());

            cluster.node().deleteNode(lost.node());
            cluster.await("the session's pod made again on another node, and the session Connected", () -> {
                var replaced = admin.pods().inNamespace(TENANT).withName(pod).get();
                return replaced != null && !lost.node().equals(replaced.getSpec().getNodeName())
                        && connectedAndReady(cluster.session(session));
            });
            // nobody scanned: Connected is the device it had, which the phone still lists as its one linked device
            assertThat(devices(cluster)).as("the phone's devices").containsExactly("LINKED");
            assertThat(cluster.session(session).getStatus().getAccount().phoneNumber()).contains(OWNER);
            cluster.assertNoCallRefused();
        }
    }

    /** The statuses ({@code LINKED}, {@code LOGGED_OUT}, …) of the devices linked to the owner's phone. */
    private static List<String> devices(RealCluster cluster) {
        List<String> devices = new ArrayList<>();
        cluster.control("GET", "/api/phones/" + OWNER, null).path("devices")
                .forEach(device -> devices.add(device.path("status").asText()));
        return devices;
    }

    private static boolean connectedAndReady(WhatsAppSession session) {
        return session != null && session.getStatus() != null && session.getStatus().getPhase() == SessionPhase.Connected
                && session.getStatus().condition(WhatsAppSessionStatus.CONDITION_READY)
                .filter(ready -> "True".equals(ready.getStatus())).isPresent();
    }

    private static String ready(io.fabric8.kubernetes.api.model.Node node) {
        return node.getStatus().getConditions().stream().filter(condition -> "Ready".equals(condition.getType()))
                .map(io.fabric8.kubernetes.api.model.NodeCondition::getStatus).findFirst().orElse("");
    }

    private static String ready(io.fabric8.kubernetes.api.model.Pod pod) {
        return pod.getStatus().getConditions().stream().filter(condition -> "Ready".equals(condition.getType()))
                .map(io.fabric8.kubernetes.api.model.PodCondition::getStatus).findFirst().orElse("");
    }

    private static void assertStoredStatus(WhatsAppSession session) {
        long generation = session.getMetadata().getGeneration();
        WhatsAppSessionStatus status = session.getStatus();
        assertThat(status.getObservedGeneration()).as("status.observedGeneration").isEqualTo(generation);
        assertThat(status.getAccount().phoneNumber()).contains(OWNER);
        assertThat(status.getPairing()).as("no pairing left once linked").isNull();
        Map<String, Condition> conditions = status.getConditions().stream()
                .collect(Collectors.toMap(Condition::getType, Function.identity()));
        assertThat(conditions).as("one condition per type").hasSize(status.getConditions().size());
        assertThat(conditions.values()).as("conditions").allSatisfy(condition -> {
            assertThat(condition.getObservedGeneration()).as("%s observedGeneration", condition.getType()).isEqualTo(generation);
            assertThat(condition.getLastTransitionTime()).as("%s lastTransitionTime", condition.getType()).isNotBlank();
        });
        assertThat(conditions).extractingByKeys(WhatsAppSessionStatus.CONDITION_READY, WhatsAppSessionStatus.CONDITION_PAIRED,
                        WhatsAppSessionStatus.CONDITION_CONNECTED, WhatsAppSessionStatus.CONDITION_POD_READY)
                .extracting(condition -> condition.getType() + "=" + condition.getStatus() + " (" + condition.getReason() + ")")
                .containsExactly("Ready=True (Connected)", "Paired=True (Paired)", "Connected=True (Connected)",
                        "PodReady=True (PodReady)");
    }

    /** The operator's Events (core/v1) about this session, by its uid, with the component that reported them. */
    private static void assertEventsRecordedFor(KubernetesClient admin, WhatsAppSession session) {
        List<Event> events = admin.v1().events().inNamespace(TENANT).list().getItems().stream()
                .filter(event -> session.getMetadata().getUid().equals(event.getInvolvedObject().getUid()))
                .toList();
        assertThat(events).as("Events about the session").isNotEmpty().allSatisfy(event -> {
            assertThat(event.getInvolvedObject().getKind()).isEqualTo("WhatsAppSession");
            assertThat(event.getInvolvedObject().getApiVersion()).isEqualTo("kubezap.io/v1alpha1");
            assertThat(event.getInvolvedObject().getName()).isEqualTo(SESSION);
            assertThat(event.getSource().getComponent()).isEqualTo("kubezap-operator");
        });
        assertThat(events).extracting(Event::getReason).contains("PodCreated", "QRIssued", "Connected");
    }

    /**
     * Every object made for the session alone (its StatefulSet, its API key's and its database login's Secrets; the
     * linking Secret is gone once linked) names it as its controlling owner, so that the garbage collector removes
     * them after it. {@code blockOwnerDeletion} is false by design (OperatorClusterRoleRulesTest): true would need
     * {@code update} on {@code whatsappsessions/finalizers} where OwnerReferencesPermissionEnforcement admits, and the
     * operator's own finalizer already holds a deleted session until its pod is stopped and its data released.
     */
    private static void assertOwnedByTheSession(KubernetesClient admin, WhatsAppSession session) {
        String uid = session.getMetadata().getUid();
        List<HasMetadata> owned = Stream.of(admin.apps().statefulSets().inNamespace(TENANT).list().getItems(),
                        admin.services().inNamespace(TENANT).list().getItems(),
                        admin.secrets().inNamespace(TENANT).list().getItems())
                .flatMap(List::stream)
                .filter(object -> object.getMetadata().getOwnerReferences().stream().anyMatch(ref -> uid.equals(ref.getUid())))
                .map(HasMetadata.class::cast)
                .toList();
        // the Service the pod answers under is the namespace's headless one, shared by its sessions: not theirs
        assertThat(owned).extracting(object -> object.getKind() + " " + object.getMetadata().getName())
                .containsExactlyInAnyOrder("StatefulSet " + SESSION, "Secret " + session.getStatus().getApiKeySecret(),
                        "Secret " + SESSION + "-database");
        assertThat(owned).allSatisfy(object -> {
            OwnerReference owner = object.getMetadata().getOwnerReferences().stream()
                    .filter(ref -> uid.equals(ref.getUid())).findFirst().orElseThrow();
            assertThat(owner).as("%s %s's owner", object.getKind(), object.getMetadata().getName())
                    .extracting(OwnerReference::getApiVersion, OwnerReference::getKind, OwnerReference::getName,
                            OwnerReference::getController, OwnerReference::getBlockOwnerDeletion)
                    .containsExactly("kubezap.io/v1alpha1", "WhatsAppSession", SESSION, true, false);
        });
    }

    /** The operator writes with server-side apply: its manager owns the StatefulSet's fields and the session's status. */
    private static void assertWrittenByTheOperatorsFieldManager(KubernetesClient admin, WhatsAppSession session) {
        StatefulSet statefulSet = admin.apps().statefulSets().inNamespace(TENANT).withName(SESSION).get();
        assertThat(statefulSet.getMetadata().getManagedFields())
                .extracting(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation, ManagedFieldsEntry::getSubresource)
                .contains(org.assertj.core.groups.Tuple.tuple(FIELD_MANAGER, "Apply", null));
        assertThat(session.getMetadata().getManagedFields())
                .extracting(ManagedFieldsEntry::getManager, ManagedFieldsEntry::getOperation, ManagedFieldsEntry::getSubresource)
                .contains(org.assertj.core.groups.Tuple.tuple(FIELD_MANAGER, "Apply", "status"));
    }
}
