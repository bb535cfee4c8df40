package io.kubezap.operator.polling;

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
public final class StuckPods {

    static final String REVISION_LABEL = "controller-revision-hash";

    private StuckPods() {
    }

    /** @return whether the pod was deleted */
    public static boolean replaceIfStuck(KubernetesClient client, StatefulSet statefulSet, Pod pod) {
        if (!stuckOnOldRevision(statefulSet, pod)) {
            return false;
        }
        client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
        return true;
    }

    static boolean stuckOnOldRevision(StatefulSet statefulSet, Pod pod) {
        return stuckOnOldRevision(updateRevision(statefulSet), pod);
    }

    /** @param updateRevision the StatefulSet's current template revision ({@code status.updateRevision}), may be null */
    public static boolean stuckOnOldRevision(String updateRevision, Pod pod) {
        if (updateRevision == null || pod == null || pod.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        Map<String, String> labels = pod.getMetadata().getLabels();
        String revision = labels == null ? null : labels.get(REVISION_LABEL);
        return revision != null && !Objects.equals(revision, updateRevision) && !ready(pod);
    }

    public static String updateRevision(StatefulSet statefulSet) {
        return statefulSet == null || statefulSet.getStatus() == null ? null : statefulSet.getStatus().getUpdateRevision();
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
