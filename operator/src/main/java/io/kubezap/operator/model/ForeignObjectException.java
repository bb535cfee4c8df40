package io.kubezap.operator.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.events.Reason;
import io.kubezap.operator.events.ReasonedFailure;

/**
 * An object the session needs exists under its name but belongs to someone else ({@link Ownership}). Reconciling is
 * retried with backoff; meanwhile the session shows condition Ready=False and a Warning Event, both {@link Reason#ForeignObject}.
 */
public class ForeignObjectException extends RuntimeException implements ReasonedFailure {

    /** The condition and Event reason. */
    @Override
    public Reason reason() {
        return Reason.ForeignObject;
    }

    ForeignObjectException(HasMetadata foreign, WhatsAppSession session) {
        super(foreign.getKind() + " " + foreign.getMetadata().getNamespace() + "/" + foreign.getMetadata().getName()
                + " exists but is not owned by this session; kubezap neither adopts, changes nor deletes it: rename the"
                + " session or move the object away");
    }
}
