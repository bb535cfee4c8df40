package io.kubezap.operator.model;

import io.kubezap.contract.PodSetting;
import io.kubezap.operator.events.Reason;
import io.kubezap.operator.events.ReasonedFailure;

import java.util.List;

/**
 * A session's {@code spec.podTemplate.env} names a variable no tenant may set (not in
 * {@link PodSetting#tenantSettable()}, the pod's own tuning): the operator's own, or one the JVM, the dynamic loader,
 * Node.js or OpenSSL act on. The CRD refuses such a session; one that got
 * past it (a CRD of an older release, a schema not yet applied) gets no StatefulSet: condition Ready=False and a Warning
 * Event with reason {@link Reason#ReservedEnvironmentVariable}, until the variable is removed.
 */
public class ReservedEnvironmentException extends RuntimeException implements ReasonedFailure {

    ReservedEnvironmentException(List<String> names) {
        super("spec.podTemplate.env sets " + String.join(", ", names) + ": not a variable a tenant may set (only the pod's "
                + "own tuning, as session-pod/README.md lists it); no pod is created until it is removed");
    }

    @Override
    public Reason reason() {
        return Reason.ReservedEnvironmentVariable;
    }
}
