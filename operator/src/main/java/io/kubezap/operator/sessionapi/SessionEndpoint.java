package io.kubezap.operator.sessionapi;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.SessionAddress;
import io.kubezap.contract.SessionObjectNames;
import io.kubezap.contract.host.HostObjectNames;

import java.util.Optional;

/** Where a session's REST API answers inside the cluster, as the contract defines it for operator and gateway. */
public final class SessionEndpoint {

    private SessionEndpoint() {
    }

    /**
     * The in-cluster base URL of the session's REST API, as shown in status.endpoint: under the namespace's headless
     * Service, unless the session's StatefulSet is still governed by the session's own Service (created by a release
     * before; its serviceName cannot change). No StatefulSet yet: the one the operator will create.
     */
    public static String of(WhatsAppSession session, Optional<StatefulSet> statefulSet) {
        String name = session.getMetadata().getName();
        SessionAddress address = statefulSet.map(set -> SessionAddress.governedBy(set.getSpec().getServiceName(), name))
                .orElse(SessionAddress.GOVERNED);
        return address.baseUrl(SessionObjectNames.BASE_URL_TEMPLATE, session.getMetadata().getNamespace(), name);
    }

    /** The base URL of a session run by host {@code host} (decision record 0021): the host pod's address. */
    public static String onHost(WhatsAppSession session, String host) {
        return HostObjectNames.sessionBaseUrl(SessionObjectNames.BASE_URL_TEMPLATE, session.getMetadata().getNamespace(),
                session.getMetadata().getName(), null, host);
    }

    /**
     * The base URL the session's status reports (when the StatefulSet is not at hand: polls, error status): its host's
     * when {@code status.host} names one.
     */
    public static String reported(WhatsAppSession session) {
        var status = session.getStatus();
        return HostObjectNames.sessionBaseUrl(SessionObjectNames.BASE_URL_TEMPLATE, session.getMetadata().getNamespace(),
                session.getMetadata().getName(), status == null ? null : status.getEndpoint(),
                status == null ? null : status.getHost());
    }
}
