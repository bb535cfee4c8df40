package io.kubezap.operator.resources;

import io.kubezap.contract.PodSetting;
import io.kubezap.operator.events.Reason;
import io.kubezap.operator.events.ReasonedFailure;

import java.util.List;

/**
 * A session's {@code spec.podTemplate.env} names a variable no tenant may set ({@link PodSetting#reserved}): the
 * operator's own, or one the JVM, the dynamic loader or Node.js act on. The CRD refuses such a session; one that got
 * past it (a CRD of an older release, a schema not yet applied) gets no StatefulSet: condition Ready=False and a Warning
 * Event with reason {@link Reason#ReservedEnvironmentVariable}, until the variable is removed.
 */
public class ReservedEnvironmentException extends RuntimeException implements ReasonedFailure {

    ReservedEnvironmentException(List<String> names) {
        super("spec.podTemplate.env sets " + String.join(", ", names) + ": reserved (the operator sets it, or the JVM, the "
                + "dynamic loader or Node.js would act on it); no pod is created until it is removed");
    }

    @Override
    public Reason reason() {
        return Reason.ReservedEnvironmentVariable;
    }
}
