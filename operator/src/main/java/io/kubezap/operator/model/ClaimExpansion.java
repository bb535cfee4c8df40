package io.kubezap.operator.model;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * A larger {@code spec.storage.size} reaches the session's existing volume claim {@code data-<name>-0} directly: the
 * StatefulSet's claim template cannot change, so it keeps the size the session was created with. The claim is only
 * read when the spec asks for more than that template, and only patched when its StorageClass allows expansion.
 */
@ApplicationScoped
public class ClaimExpansion {

    private final KubernetesClient client;

    public ClaimExpansion(KubernetesClient client) {
        this.client = client;
    }

    /** The spec asks for more than the StatefulSet's claim template: only then is the claim read. */
    public static boolean asksForMore(WhatsAppSession session, Optional<StatefulSet> statefulSet) {
        return statefulSet.flatMap(ClaimExpansion::templateSize)
                .filter(templated -> larger(wanted(session), templated))
                .isPresent();
    }

    /** What happened; empty when nothing had to be done. */
    public Optional<Outcome> apply(WhatsAppSession session, Optional<StatefulSet> statefulSet) {
        if (!asksForMore(session, statefulSet)) {
            return Optional.empty();
        }
        Quantity wanted = wanted(session);
        String namespace = session.getMetadata().getNamespace();
        String name = claimName(session);
        PersistentVolumeClaim claim = client.persistentVolumeClaims().inNamespace(namespace).withName(name).get();
        if (claim == null || !Ownership.sessionClaim(claim, session) || !larger(wanted, requested(claim))) {
            return Optional.empty();
        }
        String storageClass = claim.getSpec().getStorageClassName();
        StorageClass sc = storageClass == null ? null : client.storage().v1().storageClasses().withName(storageClass).get();
        if (sc == null || !Boolean.TRUE.equals(sc.getAllowVolumeExpansion())) {
            return Optional.of(new Outcome(false, "volume claim " + name + " stays at " + requested(claim)
                    + ": its StorageClass " + (storageClass == null ? "(none)" : storageClass)
                    + " does not allow volume expansion; spec.storage.size " + wanted + " cannot be applied"));
        }
        client.persistentVolumeClaims().inNamespace(namespace).withName(name).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"resources\":{\"requests\":{\"storage\":\"" + wanted + "\"}}}}");
        return Optional.of(new Outcome(true, "volume claim " + name + " expanded from " + requested(claim) + " to " + wanted));
    }

    public static String claimName(WhatsAppSession session) {
        return SessionStatefulSet.DATA_VOLUME + "-" + session.getMetadata().getName() + "-0";
    }

    private static Quantity wanted(WhatsAppSession session) {
        return new Quantity(session.getSpec().effectiveStorage().effectiveSize());
    }

    private static Optional<Quantity> templateSize(StatefulSet statefulSet) {
        return statefulSet.getSpec().getVolumeClaimTemplates().stream().findFirst()
                .map(ClaimExpansion::requested);
    }

    private static Quantity requested(PersistentVolumeClaim claim) {
        return claim.getSpec().getResources().getRequests().get("storage");
    }

    private static boolean larger(Quantity a, Quantity b) {
        return b == null || a.getNumericalAmount().compareTo(b.getNumericalAmount()) > 0;
    }

    /**
     * What was done to the claim: expanded (the claim was patched), or not, and {@code message} says why. A class, not
     * a record: it is {@code workflow.ClaimExpansionDependent}'s resource type, which the Operator SDK's build step walks up to
     * {@code Object} ({@code java.lang.Record} is not in its index).
     */
    public static final class Outcome {

        private final boolean expanded;
        private final String message;

        public Outcome(boolean expanded, String message) {
            this.expanded = expanded;
            this.message = message;
        }

        public boolean expanded() {
            return expanded;
        }

        public String message() {
            return message;
        }
    }
}
