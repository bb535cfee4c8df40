package io.kubezap.operator.host;

import io.kubezap.operator.model.SessionObjects;

import java.util.Map;
import java.util.TreeMap;

/** Labels of the session hosts' objects. */
final class HostObjects {

    static final String LABEL_COMPONENT = "app.kubernetes.io/component";
    static final String COMPONENT = "session-host";

    private HostObjects() {
    }

    /**
     * A host pod is a session pod to the namespace's headless Service, the session NetworkPolicies and the gateway's
     * egress rule (they select {@code app.kubernetes.io/name=kubezap-session}); the component tells hosts apart.
     */
    static Map<String, String> labels(String host) {
        return new TreeMap<>(Map.of(SessionObjects.LABEL_NAME, SessionObjects.SESSION_POD_NAME,
                SessionObjects.LABEL_INSTANCE, host,
                LABEL_COMPONENT, COMPONENT,
                SessionObjects.LABEL_MANAGED_BY, SessionObjects.MANAGED_BY));
    }

    /** Every host pod of a namespace, for the topology spread and the disruption budget. */
    static Map<String, String> allHosts() {
        return new TreeMap<>(Map.of(SessionObjects.LABEL_NAME, SessionObjects.SESSION_POD_NAME, LABEL_COMPONENT, COMPONENT));
    }

    /** The namespace's objects of all its hosts (their budget, their pool Secret). */
    static Map<String, String> shared() {
        Map<String, String> labels = allHosts();
        labels.put(SessionObjects.LABEL_MANAGED_BY, SessionObjects.MANAGED_BY);
        return labels;
    }

    /** One host's pod, as its StatefulSet selects it (never the managed-by label: the selector cannot change). */
    static Map<String, String> selector(String host) {
        return new TreeMap<>(Map.of(SessionObjects.LABEL_NAME, SessionObjects.SESSION_POD_NAME,
                SessionObjects.LABEL_INSTANCE, host, LABEL_COMPONENT, COMPONENT));
    }
}
