package io.kubezap.operator.reconciler;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.resources.ClaimExpansion;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The session's volume claim (its WhatsApp key store and media files) when the session is deleted with
 * {@code dataOnDelete: Delete}: the pod is stopped first (StatefulSet scaled to 0, so nothing writes to the volume or
 * the database any more and the StatefulSet controller does not recreate the claim), then the claim is deleted.
 */
@ApplicationScoped
public class SessionVolumeRelease {

    private final KubernetesClient client;

    public SessionVolumeRelease(KubernetesClient client) {
        this.client = client;
    }

    /** Scales the session's StatefulSet to 0 (once) and tells whether its pod is gone. */
    public boolean stopPod(WhatsAppSession session) {
        String namespace = session.getMetadata().getNamespace();
        String name = session.getMetadata().getName();
        var statefulSets = client.apps().statefulSets().inNamespace(namespace).withName(name);
        StatefulSet statefulSet = statefulSets.get();
        if (statefulSet != null && !Integer.valueOf(0).equals(statefulSet.getSpec().getReplicas())) {
            statefulSets.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":0}}");
        }
        return client.pods().inNamespace(namespace).withName(podName(session)).get() == null;
    }

    /** Deletes the session's volume claim; false when there was none. */
    public boolean deleteClaim(WhatsAppSession session) {
        return !client.persistentVolumeClaims().inNamespace(session.getMetadata().getNamespace())
                .withName(claimName(session)).delete().isEmpty();
    }

    public static String claimName(WhatsAppSession session) {
        return ClaimExpansion.claimName(session);
    }

    public static String podName(WhatsAppSession session) {
        return session.getMetadata().getName() + "-0";
    }
}
