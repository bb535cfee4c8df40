package io.kubezap.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubezap.contract.SessionLogFields;
import org.jboss.logging.MDC;

/**
 * The session's namespace and name in the logging MDC while it is open, so that every line logged while the operator
 * works on one session (its own and JOSDK's, in text or JSON) names it with the fields the gateway and the pod use.
 */
final class SessionLogContext implements AutoCloseable {

    private SessionLogContext() {
    }

    static SessionLogContext of(HasMetadata session) {
        MDC.put(SessionLogFields.NAMESPACE, session.getMetadata().getNamespace());
        MDC.put(SessionLogFields.SESSION, session.getMetadata().getName());
        return new SessionLogContext();
    }

    @Override
    public void close() {
        MDC.remove(SessionLogFields.NAMESPACE);
        MDC.remove(SessionLogFields.SESSION);
    }
}
