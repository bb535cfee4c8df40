package io.kubezap.operator.pause;

import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.kubezap.api.v1alpha1.WhatsAppSession;

import java.util.Objects;

/**
 * Which updates of a WhatsAppSession wake its reconciler: a new generation (the spec changed), the pause annotation
 * set or removed ({@link ReconciliationPause}), the finalizers changed, deletion asked. The Operator SDK's
 * generation-aware filtering would drop the annotation's change (metadata bumps no generation) and a custom filter can
 * only narrow it, so the reconciler is configured without it and this filter keeps what it let through. Status writes
 * wake nothing, as before.
 */
public class SpecOrPauseChanged implements OnUpdateFilter<WhatsAppSession> {

    @Override
    public boolean accept(WhatsAppSession updated, WhatsAppSession old) {
        return generation(updated) > generation(old)
                || ReconciliationPause.annotated(updated) != ReconciliationPause.annotated(old)
                || !Objects.equals(updated.getMetadata().getFinalizers(), old.getMetadata().getFinalizers())
                || updated.isMarkedForDeletion();
    }

    private static long generation(WhatsAppSession session) {
        Long generation = session.getMetadata().getGeneration();
        return generation == null ? 0 : generation;
    }
}
