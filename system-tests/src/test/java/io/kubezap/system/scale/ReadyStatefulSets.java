package io.kubezap.system.scale;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Stands in for the StatefulSet controller and the kubelet at a scale no node stand-in reaches: every StatefulSet
 * the operator writes is reported with one ready replica on its current revision, as the API server would show it
 * once the pod is up. No pod runs; the session pods' REST API is {@link ConnectedSessionPods}.
 */
public final class ReadyStatefulSets implements AutoCloseable {

    private final KubernetesClient client;
    private final SharedIndexInformer<StatefulSet> informer;
    private final ExecutorService writers = Executors.newFixedThreadPool(4);

    public ReadyStatefulSets(KubernetesClient client, String namespace) {
        this.client = client;
        this.informer = client.apps().statefulSets().inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(StatefulSet statefulSet) {
                writers.submit(() -> markReady(statefulSet));
            }

            @Override
            public void onUpdate(StatefulSet before, StatefulSet after) {
                writers.submit(() -> markReady(after));
            }

            @Override
            public void onDelete(StatefulSet statefulSet, boolean unknownFinalState) {
            }
        });
    }

    private void markReady(StatefulSet statefulSet) {
        var status = statefulSet.getStatus();
        if (status != null && Integer.valueOf(1).equals(status.getReadyReplicas())
                && statefulSet.getMetadata().getGeneration().equals(status.getObservedGeneration())) {
            return;
        }
        String revision = statefulSet.getMetadata().getName() + "-" + statefulSet.getMetadata().getGeneration();
        statefulSet.setStatus(new StatefulSetStatusBuilder()
                .withObservedGeneration(statefulSet.getMetadata().getGeneration())
                .withReplicas(1).withReadyReplicas(1).withAvailableReplicas(1).withCurrentReplicas(1).withUpdatedReplicas(1)
                .withCurrentRevision(revision).withUpdateRevision(revision)
                .build());
        try {
            client.resource(statefulSet).updateStatus();
        } catch (RuntimeException conflict) {
            // a newer version is on its way through the informer
        }
    }

    @Override
    public void close() {
        informer.close();
        writers.shutdownNow();
    }
}
