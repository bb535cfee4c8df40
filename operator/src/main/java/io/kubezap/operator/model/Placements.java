package io.kubezap.operator.model;

import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.Placement;
import io.kubezap.contract.StorageMode;

/**
 * Where a session runs (decision record 0021): its {@code spec.placement}, else its namespace's default, else a pod
 * of its own. A namespace's {@code Host} applies only to sessions in storage mode {@code Database}: the others have
 * their key store on a volume a host cannot mount, and stay on their pods.
 */
public final class Placements {

    private Placements() {
    }

    /** @param storageMode the mode the session runs in ({@link StorageModes}) */
    public static Placement effective(WhatsAppSession session, HostDefaults namespace, StorageMode storageMode) {
        Placement asked = session.getSpec().getPlacement();
        if (asked != null) {
            return asked;
        }
        return namespace.placement() == Placement.Host && storageMode == StorageMode.Database ? Placement.Host : Placement.Pod;
    }
}
