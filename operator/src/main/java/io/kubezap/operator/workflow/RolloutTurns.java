package io.kubezap.operator.workflow;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.model.RolloutTurn;

/** A reconcile's {@link RolloutTurn}, handed from the StatefulSet's dependent to its {@code desired()} in the context. */
public final class RolloutTurns {

    private static final String KEY = RolloutTurn.class.getName();

    private RolloutTurns() {
    }

    static void handTo(RolloutTurn turn, Context<WhatsAppSession> context) {
        context.managedWorkflowAndDependentResourceContext().put(KEY, turn);
    }

    /** The turn decided in this reconcile; {@link RolloutTurn#NOW} when the StatefulSet was not reconciled (nothing waits). */
    public static RolloutTurn decidedIn(Context<WhatsAppSession> context) {
        return context.managedWorkflowAndDependentResourceContext().get(KEY, RolloutTurn.class).orElse(RolloutTurn.NOW);
    }

    /** The turn desired() was handed; a StatefulSet reconciled without one is a programming error. */
    static RolloutTurn handedTo(Context<WhatsAppSession> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(KEY, RolloutTurn.class);
    }
}
