package io.kubezap.system.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Node objects of the machines the stand-in plays, one after the other: pods are placed on the newest; when it is
 * lost ({@link #markLost}) it turns {@code NotReady} as the node lifecycle controller shows a node whose kubelet
 * stopped posting status, and the next machine joins as a new Ready node. A lost node's object stays until someone
 * deletes it (a cloud's node controller, or an admin: {@code kubectl delete node}).
 */
final class Nodes {

    private static final String PREFIX = PodFields.NODE_NAME + "-";

    private final KubernetesClient client;
    private final AtomicInteger number = new AtomicInteger();
    private volatile String current;

    Nodes(KubernetesClient client) {
        this.client = client;
        this.current = join();
    }

    /** The node new pods are placed on. */
    String current() {
        return current;
    }

    /** Whether {@code name} is a node of this stand-in whose object is gone. */
    boolean deleted(String name) {
        return name != null && name.startsWith(PREFIX) && client.nodes().withName(name).get() == null;
    }

    /** {@code name} stops posting status: NotReady (Ready Unknown); a new node joins and takes the next pods. */
    void markLost(String name) {
        client.nodes().withName(name).editStatus(node -> {
            node.getStatus().getConditions().forEach(condition -> {
                condition.setStatus("Unknown");
                condition.setReason("NodeStatusUnknown");
                condition.setMessage("Kubelet stopped posting node status.");
                condition.setLastTransitionTime(Instant.now().toString());
            });
            return node;
        });
        current = join();
    }

    private String join() {
        String name = PREFIX + number.incrementAndGet();
        Node node = new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withLastTransitionTime(Instant.now().toString()).endCondition().endStatus()
                .build();
        client.nodes().resource(node).create();
        return name;
    }
}
