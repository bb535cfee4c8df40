package io.kubezap.operator.sessionapi;

import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.SessionObjectNames;

/** Where a session's REST API answers inside the cluster: its Service, on the pod's HTTP port. */
public final class SessionEndpoint {

    private SessionEndpoint() {
    }

    /** The in-cluster base URL of the session's REST API, as shown in status.endpoint. */
    public static String of(WhatsAppSession session) {
        return "http://" + SessionObjectNames.serviceName(session.getMetadata().getName()) + "."
                + session.getMetadata().getNamespace() + ".svc:" + SessionObjectNames.HTTP_PORT;
    }
}
