package io.kubezap.operator.workflow;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.model.ClaimExpansion;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;

/** The volume expansion's reconcile precondition: spec.storage.size is larger than the StatefulSet's claim template. */
@ApplicationScoped
@Unremovable
public class ClaimGrowthAsked implements Condition<ClaimExpansion.Outcome, WhatsAppSession> {

    @Override
    public boolean isMet(DependentResource<ClaimExpansion.Outcome, WhatsAppSession> expansion, WhatsAppSession session,
                         Context<WhatsAppSession> context) {
        return ClaimExpansion.asksForMore(session, context.getSecondaryResource(StatefulSet.class));
    }
}
