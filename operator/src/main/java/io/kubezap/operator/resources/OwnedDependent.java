package io.kubezap.operator.resources;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.kubezap.api.v1alpha1.WhatsAppSession;

/**
 * A session's dependent that never creates over, nor changes, an object of its name that the session does not own
 * ({@link Ownership}): with server-side apply, a create would otherwise take over whatever has that name.
 */
public abstract class OwnedDependent<R extends HasMetadata> extends KubernetesDependentResource<R, WhatsAppSession> {

    protected OwnedDependent(Class<R> type) {
        super(type);
    }

    @Override
    public R create(R desired, WhatsAppSession session, Context<WhatsAppSession> context) {
        Ownership.requireAbsentOrOwned(desired, session, context);
        return super.create(desired, session, context);
    }

    @Override
    public R update(R actual, R desired, WhatsAppSession session, Context<WhatsAppSession> context) {
        Ownership.requireOwned(actual, session);
        return super.update(actual, desired, session, context);
    }
}
