package io.kubezap.operator.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.kubezap.api.v1alpha1.WhatsAppSession;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Whether an object the operator is about to create, change or delete is the session's own: its owner references
 * name the session's UID. An object of the same name that someone else made (a Helm release's {@code postgresql}
 * StatefulSet, a Secret a user wrote) is never adopted, changed or deleted: {@link ForeignObjectException}.
 */
public final class Ownership {

    private Ownership() {
    }

    public static boolean ownedBy(HasMetadata object, HasMetadata owner) {
        List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
        String uid = owner.getMetadata().getUid();
        return uid != null && owners != null && owners.stream().anyMatch(ref -> Objects.equals(uid, ref.getUid()));
    }

    /**
     * A volume claim made from the session's claim template: claims have no owner the session could be named in, so
     * the template's labels tell (a Helm release's {@code data-postgresql-0} carries its own).
     */
    public static boolean sessionClaim(HasMetadata claim, WhatsAppSession session) {
        Map<String, String> labels = claim.getMetadata().getLabels();
        return labels != null && SessionObjects.MANAGED_BY.equals(labels.get(SessionObjects.LABEL_MANAGED_BY))
                && session.getMetadata().getName().equals(labels.get(SessionObjects.LABEL_INSTANCE));
    }

    /** Before a change: the object as the cache holds it is the session's own. */
    public static void requireOwned(HasMetadata actual, WhatsAppSession session) {
        if (!ownedBy(actual, session)) {
            throw new ForeignObjectException(actual, session);
        }
    }
}
