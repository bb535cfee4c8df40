package io.kubezap.operator.namespace;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.kubezap.contract.SessionObjectNames;
import io.kubezap.operator.model.SessionObjects;

import java.util.Map;

/**
 * The headless Service {@code kubezap-sessions} of a namespace: the governing Service of every session StatefulSet
 * there, which gives each ready session pod the DNS name {@code <session>-0.kubezap-sessions.<namespace>.svc}. No
 * virtual IP, so no kube-proxy rule on any node; only ready pods get a name (as a ClusterIP Service routed only to
 * ready pods).
 */
final class SessionsService {

    private SessionsService() {
    }

    static Service template() {
        return new ServiceBuilder()
                .withNewMetadata()
                .withName(SessionObjectNames.SESSIONS_SERVICE)
                .withLabels(NamespaceObjects.labels())
                .endMetadata()
                .withNewSpec()
                .withClusterIP("None")
                .withSelector(Map.of(SessionObjects.LABEL_NAME, SessionObjects.SESSION_POD_NAME))
                .withPublishNotReadyAddresses(false)
                .addNewPort()
                .withName("http")
                .withPort(SessionObjectNames.HTTP_PORT)
                .withNewTargetPort("http")
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build();
    }
}
