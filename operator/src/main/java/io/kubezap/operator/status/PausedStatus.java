package io.kubezap.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The status of a paused session: what was last observed stays (observedGeneration too: a spec changed meanwhile is
 * not carried out), with condition {@code ReconciliationPaused=True}. The first reconcile after the pause writes the
 * status afresh ({@link StatusAggregator}), which has no such condition.
 */
public final class PausedStatus {

    public static final String CONDITION_RECONCILIATION_PAUSED = "ReconciliationPaused";

    private static final ObjectMapper COPIER = new ObjectMapper().findAndRegisterModules();

    private PausedStatus() {
    }

    public static WhatsAppSessionStatus of(WhatsAppSessionStatus previous, long generation, String reason, String message,
                                           Instant now) {
        return over(previous, previous, generation, reason, message, now);
    }

    /**
     * {@code reconciled} (a status written afresh while the session stays paused: the admin's settings let through)
     * with the condition still on it, so the pause does not seem to end and start again; its lastTransitionTime is
     * {@code previous}'s.
     */
    public static WhatsAppSessionStatus over(WhatsAppSessionStatus reconciled, WhatsAppSessionStatus previous,
                                             long generation, String reason, String message, Instant now) {
        WhatsAppSessionStatus next = reconciled == null ? new WhatsAppSessionStatus() : copy(reconciled);
        if (next.getPhase() == null) {
            next.setPhase(SessionPhase.Pending);
        }
        List<Condition> conditions = new ArrayList<>(next.getConditions() == null ? List.of() : next.getConditions());
        conditions.removeIf(c -> CONDITION_RECONCILIATION_PAUSED.equals(c.getType()));
        conditions.add(new Conditions(previous, generation, now).of(CONDITION_RECONCILIATION_PAUSED, true,
                reason, message));
        next.setConditions(List.copyOf(conditions));
        return next;
    }

    /** A deep copy, every field included (a field added later too). */
    private static WhatsAppSessionStatus copy(WhatsAppSessionStatus previous) {
        return COPIER.convertValue(previous, WhatsAppSessionStatus.class);
    }
}
