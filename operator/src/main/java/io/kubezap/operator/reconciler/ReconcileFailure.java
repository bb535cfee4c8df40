package io.kubezap.operator.reconciler;

import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.kubezap.operator.events.ReasonedFailure;

import java.util.ArrayDeque;
import java.util.Deque;

/** What made a reconcile fail, dug out of the wrappers the Operator SDK puts around it. */
final class ReconcileFailure {

    private ReconcileFailure() {
    }

    /**
     * The first {@link ReasonedFailure} anywhere in {@code e}'s causes or, for a failed workflow, in any
     * dependent's exception; otherwise the innermost cause of the first failure.
     */
    static Throwable cause(Throwable e) {
        Throwable first = null;
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.add(e);
        while (!pending.isEmpty()) {
            Throwable next = pending.poll();
            if (next instanceof ReasonedFailure) {
                return next;
            }
            if (next instanceof AggregatedOperatorException aggregated) {
                pending.addAll(aggregated.getAggregatedExceptions().values());
            } else if (next.getCause() != null && next.getCause() != next) {
                pending.add(next.getCause());
            } else if (first == null) {
                first = next;
            }
        }
        return first != null ? first : e;
    }
}
