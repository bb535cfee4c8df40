package io.kubezap.operator.model;

import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

import java.util.Optional;

/**
 * Whether a session's pod template may change in this reconcile: {@link RolloutGate}'s decision, taken by the
 * StatefulSet's dependent before its {@code desired()} and handed to it as data in the reconcile's context
 * ({@code workflow.RolloutTurns}), so that {@code desired()} itself asks nobody.
 */
public enum RolloutTurn {

    /** The template does not change, or the session's turn to roll has come: the new template is written. */
    NOW,
    /** Other rollouts of the namespace use its budget: the current template stays, the session is looked at again. */
    LATER;

    /** {@code desired} as it may be written now: with the current pod template while the turn is {@link #LATER}. */
    public StatefulSet applyTo(StatefulSet desired, Optional<StatefulSet> existing) {
        if (this == LATER) {
            // a copy: the cached template reads its spec afresh at every read (cache.PackedPodTemplateSpec)
            existing.ifPresent(current -> desired.getSpec().setTemplate(new PodTemplateSpecBuilder(current.getSpec().getTemplate()).build()));
        }
        return desired;
    }
}
