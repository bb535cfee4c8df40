package io.kubezap.operator.reconciler;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.model.ClaimExpansion;
import io.kubezap.operator.model.Ownership;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The session's volume claim (its WhatsApp key store and media files) when the session is deleted with
 * {@code dataOnDelete: Delete}: the pod is stopped first (StatefulSet scaled to 0, so nothing writes to the volume or
 * the database any more and the StatefulSet controller does not recreate the claim), then the claim is deleted.
 * Only the session's own: a StatefulSet of its name that it does not own is not scaled (its pod is not waited for),
 * a claim of its name not made from its template is not deleted ({@link Ownership}).
 */
@ApplicationScoped
public class SessionVolumeRelease {

    private final KubernetesClient client;

    public SessionVolumeRelease(KubernetesClient client) {
        this.client = client;
    }

    /** Scales the session's own StatefulSet to 0 (once) and tells whether its pod is gone. */
    public boolean stopPod(WhatsAppSession session) {
        String namespace = session.getMetadata().getNamespace();
        String name = session.getMetadata().getName();
        var statefulSets = client.apps().statefulSets().inNamespace(namespace).withName(name);
        StatefulSet statefulSet = statefulSets.get();
        if (statefulSet != null && !Ownership.ownedBy(statefulSet, session)) {
            return true;
        }
        if (statefulSet != null && !Integer.valueOf(0).equals(statefulSet.getSpec().getReplicas())) {
            statefulSets.patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":0}}");
        }
        return client.pods().inNamespace(namespace).withName(podName(session)).get() == null;
    }

    /** Deletes the session's own volume claim; false when there was none (or only someone else's). */
    public boolean deleteClaim(WhatsAppSession session) {
        var claims = client.persistentVolumeClaims().inNamespace(session.getMetadata().getNamespace())
                .withName(claimName(session));
        PersistentVolumeClaim claim = claims.get();
        return claim != null && Ownership.sessionClaim(claim, session) && !claims.delete().isEmpty();
    }

    public static String claimName(WhatsAppSession session) {
        return ClaimExpansion.claimName(session);
    }

    public static String podName(WhatsAppSession session) {
        return session.getMetadata().getName() + "-0";
    }
}
