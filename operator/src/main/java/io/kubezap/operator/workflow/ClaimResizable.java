package io.kubezap.operator.workflow;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.DetailedCondition;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.model.ClaimExpansion;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The volume expansion's ready condition: not met while the claim's StorageClass refuses to grow it; its detail is
 * why, which the status shows as {@code StorageResized=False}.
 */
@ApplicationScoped
@Unremovable
public class ClaimResizable implements DetailedCondition<ClaimExpansion.Outcome, WhatsAppSession, String> {

    @Override
    public Result<String> detailedIsMet(DependentResource<ClaimExpansion.Outcome, WhatsAppSession> expansion,
                                        WhatsAppSession session, Context<WhatsAppSession> context) {
        return expansion.getSecondaryResource(session, context)
                .filter(outcome -> !outcome.expanded())
                .map(refused -> Result.withResult(false, refused.message()))
                .orElseGet(() -> Result.withResult(true, null));
    }
}
