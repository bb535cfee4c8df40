package io.kubezap.contract;

/**
 * The two in-cluster addresses a session pod can have: under its namespace's headless Service (every StatefulSet the
 * operator creates), or the Service of its own that releases before gave each session (a StatefulSet's
 * {@code serviceName} cannot change, so a session created then keeps that Service until its StatefulSet is recreated).
 */
public enum SessionAddress {

    /** {@code <session>-0.kubezap-sessions.<namespace>.svc}: the pod's own DNS name under the headless Service. */
    GOVERNED {
        @Override
        public String host(String session) {
            return SessionObjectNames.podName(session) + "." + SessionObjectNames.SESSIONS_SERVICE;
        }
    },
    /** {@code <session>.<namespace>.svc}: the session's own ClusterIP Service. */
    OWN_SERVICE {
        @Override
        public String host(String session) {
            return SessionObjectNames.ownServiceName(session);
        }
    };

    /** The part of the host name before the namespace. */
    public abstract String host(String session);

    /** The address of a pod whose StatefulSet names {@code serviceName} as its governing Service. */
    public static SessionAddress governedBy(String serviceName, String session) {
        return SessionObjectNames.ownServiceName(session).equals(serviceName) ? OWN_SERVICE : GOVERNED;
    }

    /**
     * The address a session's {@code status.endpoint} reports: its own Service only when the endpoint is exactly that
     * Service's URL (so whoever can write a status can pick between the session's two contract addresses, never
     * another host); anything else, or none yet, the headless Service.
     */
    public static SessionAddress reportedBy(String namespace, String session, String reportedEndpoint) {
        return OWN_SERVICE.baseUrl(SessionObjectNames.BASE_URL_TEMPLATE, namespace, session).equals(reportedEndpoint)
                ? OWN_SERVICE : GOVERNED;
    }

    /** {@code template}'s {@code {host}} (or {@code {service}}), {@code {namespace}} and {@code {port}} filled in. */
    public String baseUrl(String template, String namespace, String session) {
        return fill(template, host(session), namespace);
    }

    /** {@code template} filled in for {@code host}, the part of the host name before the namespace (a session host's too). */
    public static String fill(String template, String host, String namespace) {
        return template.replace("{host}", host)
                .replace("{service}", host)
                .replace("{namespace}", namespace)
                .replace("{port}", Integer.toString(SessionObjectNames.HTTP_PORT));
    }
}
