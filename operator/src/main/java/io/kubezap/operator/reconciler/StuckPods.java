package io.kubezap.operator.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.Map;
import java.util.Objects;

/**
 * A session pod that never became ready on an old revision of its pod template (e.g. stuck in ContainerCreating on a
 * Secret that did not exist) is deleted, so the StatefulSet controller starts it on the current revision: with
 * {@code podManagementPolicy: OrderedReady} (StatefulSets created before kubezap used Parallel) the controller
 * itself waits for that pod forever.
 */
final class StuckPods {

    static final String REVISION_LABEL = "controller-revision-hash";

    private StuckPods() {
    }

    /** @return whether the pod was deleted */
    static boolean replaceIfStuck(KubernetesClient client, StatefulSet statefulSet, Pod pod) {
        if (!stuckOnOldRevision(statefulSet, pod)) {
            return false;
        }
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
        return true;
    }

    static boolean stuckOnOldRevision(StatefulSet statefulSet, Pod pod) {
        if (statefulSet == null || pod == null || pod.getMetadata().getDeletionTimestamp() != null
                || statefulSet.getStatus() == null || statefulSet.getStatus().getUpdateRevision() == null) {
            return false;
        }
        Map<String, String> labels = pod.getMetadata().getLabels();
        String revision = labels == null ? null : labels.get(REVISION_LABEL);
        return revision != null && !Objects.equals(revision, statefulSet.getStatus().getUpdateRevision()) && !ready(pod);
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
