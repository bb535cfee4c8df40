package io.kubezap.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Builds conditions that keep their lastTransitionTime unless their status flips. */
final class Conditions {

    static final String TRUE = "True";
    static final String FALSE = "False";
    static final String UNKNOWN = "Unknown";

    private final WhatsAppSessionStatus previous;
    private final long generation;
    private final Instant now;

    Conditions(WhatsAppSessionStatus previous, long generation, Instant now) {
        this.previous = previous;
        this.generation = generation;
        this.now = now;
    }

    Condition of(String type, boolean status, String reason, String message) {
        return of(type, status ? TRUE : FALSE, reason, message);
    }

    Condition of(String type, String status, String reason, String message) {
        String since = previous == null ? null : previous.condition(type)
                .filter(c -> status.equals(c.getStatus()))
                .map(Condition::getLastTransitionTime)
                .orElse(null);
        return new ConditionBuilder()
                .withType(type)
                .withStatus(status)
                .withReason(reason)
                .withMessage(message)
                .withObservedGeneration(generation)
                .withLastTransitionTime(since != null ? since : now.truncatedTo(ChronoUnit.SECONDS).toString())
                .build();
    }

    /** The previous condition of this type with a fresh observedGeneration, if there was one. */
    java.util.Optional<Condition> kept(String type) {
        return previous == null ? java.util.Optional.empty() : previous.condition(type)
                .map(c -> of(type, c.getStatus(), c.getReason(), c.getMessage()));
    }

    /** The previous condition of this type with a fresh observedGeneration, or Unknown when there was none. */
    Condition unchanged(String type, String reason, String message) {
        return kept(type).orElseGet(() -> of(type, UNKNOWN, reason, message));
    }
}
