package io.kubezap.operator.workflow;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.api.reconciler.dependent.NameSetter;
import io.javaoperatorsdk.operator.api.reconciler.dependent.ReconcileResult;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.events.EventRecorder;
import io.kubezap.operator.events.Reason;
import io.kubezap.operator.events.SessionEvent;
import io.kubezap.operator.model.ClaimExpansion;
import jakarta.inject.Inject;

import java.util.Optional;

/**
 * A larger {@code spec.storage.size} carried to the session's volume claim ({@link ClaimExpansion}), a dependent of the
 * StatefulSet reconciled only while {@link ClaimGrowthAsked} holds. Its outcome is the dependent's state for this
 * reconcile: an Event says what happened, and {@link ClaimResizable} (its ready condition) hands a refusal to the
 * status. The claim is the StatefulSet controller's, not the session's: never created nor deleted here.
 */
public class ClaimExpansionDependent implements DependentResource<ClaimExpansion.Outcome, WhatsAppSession>, NameSetter {

    private static final String OUTCOME = ClaimExpansionDependent.class.getName();
    /** Its name in the workflow, by which the reconciler reads its ready condition's result. */
    private String name = DependentResource.defaultNameFor(ClaimExpansionDependent.class);

    @Inject
    ClaimExpansion claims;
    @Inject
    EventRecorder events;

    @Override
    public ReconcileResult<ClaimExpansion.Outcome> reconcile(WhatsAppSession session, Context<WhatsAppSession> context) {
        Optional<ClaimExpansion.Outcome> outcome = claims.apply(session, context.getSecondaryResource(StatefulSet.class));
        if (outcome.isEmpty()) {
            return ReconcileResult.noOperation(null);
        }
        ClaimExpansion.Outcome done = outcome.get();
        context.managedWorkflowAndDependentResourceContext().put(OUTCOME, done);
        events.record(session, done.expanded() ? SessionEvent.normal(Reason.StorageExpanded, done.message())
                : SessionEvent.warning(Reason.StorageExpansionUnsupported, done.message()));
        return done.expanded() ? ReconcileResult.resourceUpdated(done) : ReconcileResult.noOperation(done);
    }

    /** What this reconcile did to the claim; empty when it had nothing to do. */
    @Override
    public Optional<ClaimExpansion.Outcome> getSecondaryResource(WhatsAppSession session, Context<WhatsAppSession> context) {
        return context.managedWorkflowAndDependentResourceContext().get(OUTCOME, ClaimExpansion.Outcome.class);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void setName(String name) {
        this.name = name;
    }

    @Override
    public Class<ClaimExpansion.Outcome> resourceType() {
        return ClaimExpansion.Outcome.class;
    }
}
