package io.kubezap.system.node;

import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Node objects of the machines the stand-in plays, one after the other: pods are placed on the newest; when it is
 * lost ({@link #markLost}) it turns {@code NotReady} as the node lifecycle controller shows a node whose kubelet
 * stopped posting status, and the next machine joins as a new Ready node. A lost node's object stays until someone
 * deletes it (a cloud's node controller, or an admin: {@code kubectl delete node}).
 * <p>On a real cluster the current node's kubelet heartbeat is its Lease in {@code kube-node-lease}, renewed every
 * {@link #LEASE_RENEWAL}; a lost node's is no longer renewed, and kube-controller-manager's node lifecycle controller
 * marks it (and its pods) not ready by itself.
 */
final class Nodes {

    private static final String PREFIX = PodFields.NODE_NAME + "-";
    private static final String LEASES = "kube-node-lease";
    /** The kubelet's default: a quarter of the Lease's 40 s. */
    private static final java.time.Duration LEASE_RENEWAL = java.time.Duration.ofSeconds(10);

    private final KubernetesClient client;
    private final boolean realCluster;
    private final AtomicInteger number = new AtomicInteger();
    private volatile String current;
    private Instant leaseRenewed = Instant.EPOCH;

    Nodes(KubernetesClient client, boolean realCluster) {
        this.client = client;
        this.realCluster = realCluster;
        this.current = join();
    }

    /** The node new pods are placed on. */
    String current() {
        return current;
    }

    /** Whether {@code name} is the node that runs pods now (not a lost one, nor one of another stand-in). */
    boolean runsPods(String name) {
        return current.equals(name);
    }

    /** Whether {@code name} is a node of this stand-in whose object is gone. */
    boolean deleted(String name) {
        return name != null && name.startsWith(PREFIX) && client.nodes().withName(name).get() == null;
    }

    /**
     * The scheduler's decision for a pending pod, the current node, posted to the pod's {@code binding} subresource as
     * kube-scheduler posts it; a pod bound meanwhile (409) is left as it is.
     */
    void bind(Pod pod) {
        var meta = pod.getMetadata();
        String binding = Serialization.asJson(new BindingBuilder().withNewMetadata().withName(meta.getName())
                .withNamespace(meta.getNamespace()).withUid(meta.getUid()).endMetadata()
                .withNewTarget().withApiVersion("v1").withKind("Node").withName(current).endTarget().build());
        var http = client.getHttpClient();
        var request = http.newHttpRequestBuilder()
                .uri(client.getMasterUrl().toString().replaceAll("/$", "") + "/api/v1/namespaces/" + meta.getNamespace()
                        + "/pods/" + meta.getName() + "/binding")
                .post("application/json", binding).build();
        try {
            var response = http.sendAsync(request, String.class).get(30, TimeUnit.SECONDS);
            if (response.code() / 100 != 2 && response.code() != 409) {
                throw new KubernetesClientException("binding " + meta.getNamespace() + "/" + meta.getName() + " to "
                        + current + ": " + response.code() + " " + response.body());
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new KubernetesClientException("binding " + meta.getName() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted", e);
        }
    }

    /** On a real cluster, the current node's heartbeat when it is due. */
    void renewLeases() {
        if (!realCluster || Instant.now().isBefore(leaseRenewed.plus(LEASE_RENEWAL))) {
            return;
        }
        client.leases().inNamespace(LEASES).resource(new LeaseBuilder().withNewMetadata().withName(current)
                        .withNamespace(LEASES).endMetadata().withNewSpec().withHolderIdentity(current)
                        .withLeaseDurationSeconds(40).withRenewTime(ZonedDateTime.now(ZoneOffset.UTC)).endSpec().build())
                .fieldManager("node-stand-in").forceConflicts().serverSideApply();
        leaseRenewed = Instant.now();
    }

    /**
     * {@code name} stops posting status: NotReady (Ready Unknown; on a real cluster its Lease is no longer renewed, and
     * the node lifecycle controller says so); a new node joins and takes the next pods.
     */
    void markLost(String name) {
        if (!realCluster) {
            client.nodes().withName(name).editStatus(node -> {
                node.getStatus().getConditions().forEach(condition -> {
                    condition.setStatus("Unknown");
                    condition.setReason("NodeStatusUnknown");
                    condition.setMessage("Kubelet stopped posting node status.");
                    condition.setLastTransitionTime(Instant.now().toString());
                });
                return node;
            });
        }
        current = join();
        leaseRenewed = Instant.EPOCH;
    }

    private String join() {
        String name = PREFIX + number.incrementAndGet();
        String now = Instant.now().toString();
        Node node = new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withLastHeartbeatTime(now).withLastTransitionTime(now).endCondition().endStatus()
                .build();
        Node created = client.nodes().resource(node).create();
        if (created.getStatus() == null || created.getStatus().getConditions().isEmpty()) {
            client.nodes().withName(name).editStatus(stored -> {
                stored.setStatus(node.getStatus());
                return stored;
            });
        }
        return name;
    }
}
