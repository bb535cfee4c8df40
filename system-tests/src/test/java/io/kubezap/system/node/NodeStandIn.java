package io.kubezap.system.node;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A node for tests. Against the Kubernetes mock API (which stores objects and nothing more, {@link #start}) every half
 * second it plays three parts of a cluster:
 * <ul>
 *   <li>the StatefulSet controller: a Pod object {@code <set>-<ordinal>} per wanted replica, a pod whose template
 *       revision is outdated deleted and created again (rolling update), pods above the replica count deleted, the
 *       set's status (replicas, ready, current/updated revision) written back;</li>
 *   <li>the kubelet: each pod's container run as a local process through an {@link ImageRunner}, with its resolved
 *       environment and volumes ({@link PodEnvironment}, {@link PodVolumes}), its ports published on free local
 *       ports, its probes run ({@link PodRuntime}), its status (ready, restarts) written back, the process stopped
 *       when the Pod object goes, restarted when it exits;</li>
 *   <li>the garbage collector: objects whose controller owner is gone are deleted, and pods bound to a node whose
 *       object was deleted (pod garbage collection).</li>
 * </ul>
 * Its machines are {@link Nodes}, one at a time: {@link #loseNodeOf} makes the node of a pod vanish (its process
 * killed or frozen, the node NotReady, the pod's object left as it was, as a StatefulSet's pod on an unreachable node
 * stays until the node is deleted or the pod deleted by force) and a new node join, where the pod is made again once
 * its object is gone ({@link #deleteNode}).
 * <p>Against a real API server with its kube-controller-manager ({@link #join}), which make the pods, write the
 * StatefulSets' status, collect garbage and notice lost nodes themselves, it plays only what has no binary here: a
 * one-node kube-scheduler (each pending pod bound to the current node through its {@code pods/binding} subresource)
 * and the kubelet (the bound pods run as above, their status written through {@code pods/status}, a deleted pod's
 * process stopped before its object is removed for good, the node's Lease renewed as its heartbeat). There any pod
 * the controllers make runs, a Job's too: its container is not restarted after it exits (restartPolicy Never or
 * OnFailure), and the pod's phase Succeeded or Failed is what the job controller counts.
 * <p>It does not enforce resources or security contexts, isolate processes (they share the machine's network
 * and file system: see {@link ServiceNetwork} for how Services are reached), run non-HTTP probes, or refresh mounted
 * files while a container runs. On the mock API it makes the pods of StatefulSets only.
 */
public final class NodeStandIn implements AutoCloseable {

    public static final String REVISION_LABEL = "controller-revision-hash";
    private static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";

    private final KubernetesClient client;
    private final Path root;
    private final List<ImageRunner> runners;
    private final Map<String, PodRuntime> pods = new ConcurrentHashMap<>();
    private final Map<String, Object> written = new ConcurrentHashMap<>();
    private final Nodes nodes;
    /** Whether it plays the StatefulSet controller and the garbage collector too (the mock API has none). */
    private final boolean controllers;
    /** Pods on a lost node whose object is still there, by key. */
    private final Map<String, LostPod> lost = new ConcurrentHashMap<>();
    private final List<LostPod> everLost = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "node-stand-in");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Throwable lastError;

    private NodeStandIn(KubernetesClient client, Path root, List<ImageRunner> runners, boolean controllers) {
        this.client = client;
        this.root = root;
        this.runners = runners;
        this.controllers = controllers;
        this.nodes = new Nodes(client, !controllers);
    }

    /** On the mock API: the node, its scheduler and the controllers it needs. */
    public static NodeStandIn start(KubernetesClient client, Path root, List<ImageRunner> runners) {
        return run(new NodeStandIn(client, root, runners, true));
    }

    /** On a real API server whose kube-controller-manager runs: the node's scheduler and kubelet only. */
    public static NodeStandIn join(KubernetesClient client, Path root, List<ImageRunner> runners) {
        return run(new NodeStandIn(client, root, runners, false));
    }

    private static NodeStandIn run(NodeStandIn node) {
        node.loop.scheduleWithFixedDelay(node::syncSafely, 0, 500, TimeUnit.MILLISECONDS);
        return node;
    }

    /** The pod {@code namespace/name} if this node runs it. */
    public Optional<PodRuntimeView> pod(String namespace, String name) {
        return Optional.ofNullable(pods.get(namespace + "/" + name)).map(PodRuntimeView::new);
    }

    /** Running pods whose labels hold every entry of {@code selector}. */
    List<PodRuntime> podsMatching(String namespace, Map<String, String> selector) {
        return pods.values().stream()
                .filter(pod -> pod.pod().getMetadata().getNamespace().equals(namespace))
                .filter(pod -> pod.pod().getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .toList();
    }

    /**
     * The node running pod {@code namespace/name} vanishes ({@link LostPod.Loss}): from now on nothing runs, probes or
     * reports the pod, its Ready condition turns False and its node NotReady, as the node lifecycle controller shows
     * them (on a real cluster that controller does so itself, once the node's Lease is no longer renewed); a new node
     * joins. The pod's object stays until {@link #deleteNode} (or a forced delete).
     */
    public LostPod loseNodeOf(String namespace, String name, LostPod.Loss loss) throws Exception {
        return loop.submit(() -> {
            String key = namespace + "/" + name;
            PodRuntime runtime = Objects.requireNonNull(pods.remove(key), () -> "no pod " + key + " runs here");
            written.remove("Pod/" + key);
            LostPod pod = new LostPod(runtime, runtime.pod().getSpec().getNodeName(), loss);
            pod.cutOff();
            lost.put(key, pod);
            everLost.add(pod);
            if (controllers) {
                client.pods().inNamespace(namespace).withName(name).editStatus(object -> {
                    object.getStatus().getConditions().stream().filter(condition -> "Ready".equals(condition.getType()))
                            .forEach(condition -> condition.setStatus("False"));
                    return object;
                });
            }
            nodes.markLost(pod.node());
            return pod;
        }).get();
    }

    /** {@code kubectl delete node}, or a cloud's node controller once the machine is gone. */
    public void deleteNode(String name) {
        client.nodes().withName(name).delete();
    }

    public Optional<Throwable> lastError() {
        return Optional.ofNullable(lastError);
    }

    private void syncSafely() {
        try {
            sync();
        } catch (RuntimeException | Error e) {
            lastError = e;
        }
    }

    private void sync() {
        if (controllers) {
            syncAsControllers();
        } else {
            syncAsSchedulerAndKubelet();
        }
        for (var entry : pods.entrySet()) {
            entry.getValue().tick();
            writePodStatus(entry.getValue());
        }
        if (controllers) {
            collectGarbage();
        } else {
            nodes.renewLeases();
        }
    }

    private void syncAsControllers() {
        collectPodsOfDeletedNodes();
        Set<String> wanted = new HashSet<>();
        for (StatefulSet set : client.apps().statefulSets().inAnyNamespace().list().getItems()) {
            if (set.getMetadata().getDeletionTimestamp() == null) {
                wanted.addAll(syncStatefulSet(set));
            }
        }
        Set<String> inApi = new HashSet<>();
        client.pods().inAnyNamespace().list().getItems().forEach(pod -> inApi.add(key(pod)));
        for (var entry : List.copyOf(pods.entrySet())) {
            if (!wanted.contains(entry.getKey()) || !inApi.contains(entry.getKey())) {
                remove(entry.getKey(), entry.getValue());
            }
        }
    }

    /**
     * The scheduler binds each pending pod to the current node; the kubelet runs the pods bound to its nodes, stops
     * those whose object is being deleted and then deletes it for good (grace period 0: its containers are gone), and
     * stops the processes of pods whose object is gone or was replaced by one of the same name.
     */
    private void syncAsSchedulerAndKubelet() {
        Set<String> running = new HashSet<>();
        for (Pod pod : client.pods().inAnyNamespace().list().getItems()) {
            String key = key(pod);
            String node = pod.getSpec().getNodeName();
            PodRuntime runtime = pods.get(key);
            if (runtime != null && !runtime.pod().getMetadata().getUid().equals(pod.getMetadata().getUid())) {
                stop(key, runtime);
                runtime = null;
            }
            if (node == null) {
                if (pod.getMetadata().getDeletionTimestamp() == null) {
                    nodes.bind(pod);
                }
            } else if (!nodes.runsPods(node)) {
                // bound to a lost node: nothing runs it; the cluster's node lifecycle and pod garbage collection see to it
                continue;
            } else if (pod.getMetadata().getDeletionTimestamp() != null) {
                if (runtime != null) {
                    stop(key, runtime);
                }
                client.resource(pod).withGracePeriod(0).delete();
            } else {
                lost.remove(key);
                if (runtime == null) {
                    pods.put(key, runtime(pod, pod.getMetadata().getLabels().getOrDefault(REVISION_LABEL, "")));
                }
                running.add(key);
            }
        }
        for (var entry : List.copyOf(pods.entrySet())) {
            if (!running.contains(entry.getKey())) {
                stop(entry.getKey(), entry.getValue());
            }
        }
    }

    /** The keys of the pods {@code set} wants, after creating, replacing or deleting pods toward that. */
    private Set<String> syncStatefulSet(StatefulSet set) {
        String namespace = set.getMetadata().getNamespace();
        String name = set.getMetadata().getName();
        int replicas = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
        String revision = revision(set);
        Set<String> wanted = new HashSet<>();
        int ready = 0;
        int updated = 0;
        for (int ordinal = 0; ordinal < replicas; ordinal++) {
            String podName = name + "-" + ordinal;
            String key = namespace + "/" + podName;
            PodRuntime runtime = pods.get(key);
            if (runtime != null && !runtime.revision().equals(revision)) {
                remove(key, runtime);
                runtime = null;
            }
            if (runtime == null && lost.containsKey(key)) {
                // a StatefulSet makes a pod again only once its object is gone
                wanted.add(key);
                continue;
            }
            if (runtime == null) {
                runtime = create(set, podName, revision);
            }
            wanted.add(key);
            ready += runtime.ready() ? 1 : 0;
            updated++;
        }
        StatefulSetStatus status = new StatefulSetStatusBuilder()
                .withObservedGeneration(set.getMetadata().getGeneration())
                .withReplicas(replicas)
                .withReadyReplicas(ready)
                .withAvailableReplicas(ready)
                .withCurrentReplicas(updated)
                .withUpdatedReplicas(updated)
                .withCurrentRevision(name + "-" + revision)
                .withUpdateRevision(name + "-" + revision)
                .build();
        writeStatus("StatefulSet/" + namespace + "/" + name, status,
                () -> client.apps().statefulSets().inNamespace(namespace).withName(name).editStatus(s -> {
                    s.setStatus(status);
                    return s;
                }));
        return wanted;
    }

    private PodRuntime create(StatefulSet set, String podName, String revision) {
        var template = set.getSpec().getTemplate();
        Pod pod = new PodBuilder()
                .withNewMetadataLike(template.getMetadata())
                .withName(podName)
                .withNamespace(set.getMetadata().getNamespace())
                .addToLabels(REVISION_LABEL, set.getMetadata().getName() + "-" + revision)
                .addToLabels(POD_NAME_LABEL, podName)
                .withOwnerReferences(new io.fabric8.kubernetes.api.model.OwnerReferenceBuilder()
                        .withApiVersion("apps/v1").withKind("StatefulSet").withName(set.getMetadata().getName())
                        .withUid(set.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withSpec(template.getSpec())
                .build();
        pod.getSpec().setNodeName(nodes.current());
        pod.getSpec().setHostname(podName);
        pod.getSpec().setSubdomain(set.getSpec().getServiceName());
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(podName).delete();
        Pod created = client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
        PodRuntime runtime = runtime(created, revision);
        pods.put(key(created), runtime);
        return runtime;
    }

    private PodRuntime runtime(Pod pod, String revision) {
        return new PodRuntime(client, pod, revision, root.resolve("pods").resolve(pod.getMetadata().getNamespace())
                .resolve(pod.getMetadata().getName() + "-" + pod.getMetadata().getUid()), root.resolve("claims"), runners);
    }

    /** Stops the pod's process and deletes its object, as the StatefulSet controller and the kubelet together would. */
    private void remove(String key, PodRuntime runtime) {
        stop(key, runtime);
        client.pods().inNamespace(runtime.pod().getMetadata().getNamespace())
                .withName(runtime.pod().getMetadata().getName()).delete();
    }

    private void stop(String key, PodRuntime runtime) {
        runtime.stop();
        pods.remove(key, runtime);
        written.remove("Pod/" + key);
    }

    private void writePodStatus(PodRuntime runtime) {
        PodStatus status = runtime.status();
        var meta = runtime.pod().getMetadata();
        writeStatus("Pod/" + meta.getNamespace() + "/" + meta.getName(), status,
                () -> client.pods().inNamespace(meta.getNamespace()).withName(meta.getName()).editStatus(p -> {
                    p.setStatus(status);
                    return p;
                }));
    }

    /** Writes a status only when it changed since the last write, as every write wakes the operator. */
    private void writeStatus(String key, Object status, Runnable write) {
        if (Objects.equals(written.get(key), status)) {
            return;
        }
        try {
            write.run();
            written.put(key, status);
        } catch (KubernetesClientException gone) {
            written.remove(key);
        }
    }

    /** Pod garbage collection: the objects of pods bound to a deleted node are deleted (no grace: no kubelet answers). */
    private void collectPodsOfDeletedNodes() {
        for (var entry : List.copyOf(lost.entrySet())) {
            if (nodes.deleted(entry.getValue().node())) {
                String[] key = entry.getKey().split("/", 2);
                client.pods().inNamespace(key[0]).withName(key[1]).withGracePeriod(0).delete();
                lost.remove(entry.getKey());
            }
        }
    }

    /** Deletes StatefulSets, Services, Secrets and Pods whose controller owner no longer exists. */
    private void collectGarbage() {
        Set<String> uids = new HashSet<>();
        Stream.of(client.genericKubernetesResources("kubezap.io/v1alpha1", "WhatsAppSession").inAnyNamespace().list().getItems(),
                        client.apps().statefulSets().inAnyNamespace().list().getItems())
                .flatMap(List::stream)
                .forEach(owner -> uids.add(owner.getMetadata().getUid()));
        List<HasMetadata> orphans = new ArrayList<>();
        Function<List<? extends HasMetadata>, List<? extends HasMetadata>> owned = list -> list.stream()
                .filter(object -> controller(object).filter(ref -> !uids.contains(ref.getUid())).isPresent())
                .toList();
        orphans.addAll(owned.apply(client.apps().statefulSets().inAnyNamespace().list().getItems()));
        orphans.addAll(owned.apply(client.services().inAnyNamespace().list().getItems()));
        orphans.addAll(owned.apply(client.secrets().inAnyNamespace().list().getItems()));
        orphans.addAll(owned.apply(client.pods().inAnyNamespace().list().getItems()));
        for (HasMetadata orphan : orphans) {
            client.resource(orphan).delete();
        }
    }

    private static Optional<OwnerReference> controller(HasMetadata object) {
        return object.getMetadata().getOwnerReferences().stream()
                .filter(ref -> Boolean.TRUE.equals(ref.getController())).findFirst();
    }

    /** A digest of the pod template: what the StatefulSet controller's revision hash stands for. */
    static String revision(StatefulSet set) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Serialization.asJson(set.getSpec().getTemplate()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(HasMetadata object) {
        return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
    }

    @Override
    public void close() {
        loop.shutdownNow();
        try {
            loop.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pods.values().forEach(PodRuntime::stop);
        everLost.forEach(LostPod::stopAsItsKubeletWould);
    }

    /** What a test may see of a pod this node runs. */
    public record PodRuntimeView(PodRuntime runtime) {
        public Optional<ProcessHandle> process() {
            return runtime.process();
        }

        public int restarts() {
            return runtime.restarts();
        }

        public String revision() {
            return runtime.revision();
        }
    }
}
