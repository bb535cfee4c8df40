package io.kubezap.operator.sessionapi;

import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.SessionObjectNames;

/** Where a session's REST API answers inside the cluster, as the contract defines it for operator and gateway. */
public final class SessionEndpoint {

    private SessionEndpoint() {
    }

    /** The in-cluster base URL of the session's REST API, as shown in status.endpoint. */
    public static String of(WhatsAppSession session) {
        return SessionObjectNames.baseUrl(session.getMetadata().getNamespace(), session.getMetadata().getName());
    }
}
