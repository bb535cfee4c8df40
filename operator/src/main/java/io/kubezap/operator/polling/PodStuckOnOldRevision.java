package io.kubezap.operator.polling;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * {@link StuckPodReplacement}'s reconcile precondition: the session's last poll ({@link SessionPodPoller}, from its
 * cache: no call here) saw its pod never ready on an older template revision than its StatefulSet's current one.
 */
@ApplicationScoped
@Unremovable
public class PodStuckOnOldRevision implements Condition<StuckPodReplacement.Replaced, WhatsAppSession> {

    @Override
    public boolean isMet(DependentResource<StuckPodReplacement.Replaced, WhatsAppSession> replacement, WhatsAppSession session,
                         Context<WhatsAppSession> context) {
        return holds(session, context.getSecondaryResource(StatefulSet.class),
                context.getSecondaryResource(PodObservation.class));
    }

    static boolean holds(WhatsAppSession session, Optional<StatefulSet> statefulSet, Optional<PodObservation> lastPoll) {
        String updateRevision = statefulSet.map(StuckPods::updateRevision).orElse(null);
        return !session.getSpec().suspended() && updateRevision != null && lastPoll
                .filter(PodObservation::stuckOnOldRevision)
                .filter(seen -> updateRevision.equals(seen.target().updateRevision()))
                .isPresent();
    }
}
