package io.kubezap.operator.workflow;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.model.Ownership;

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
        requireAbsentOrOwned(desired, session, context);
        return super.create(desired, session, context);
    }

    /** Before a create: the API server holds no object of {@code desired}'s name, or only the session's own. */
    private static void requireAbsentOrOwned(HasMetadata desired, WhatsAppSession session, Context<WhatsAppSession> context) {
        HasMetadata existing = context.getClient().resource(desired).get();
        if (existing != null) {
            Ownership.requireOwned(existing, session);
        }
    }

    @Override
    public R update(R actual, R desired, WhatsAppSession session, Context<WhatsAppSession> context) {
        Ownership.requireOwned(actual, session);
        return super.update(actual, desired, session, context);
    }
}
