package io.kubezap.contract;

/**
 * How the objects the operator creates for a session are named: what the operator writes and the gateway reads to
 * reach a session pod (its address under the namespace's headless Service, and its API key in its Secret, which the
 * gateway reads from the copy in its own namespace, {@link GatewayKeyCopy}).
 */
public final class SessionObjectNames {

    /** The key in the API-key Secret that holds the session pod's REST API key. */
    public static final String API_KEY_SECRET_KEY = "api-key";
    /**
     * The keys of the pairing Secret ({@link #pairingSecretName}): the QR payload to scan, or the pairing code to type
     * on the phone, and when it expires (RFC 3339). Only one of the codes is there, and only while it is valid.
     */
    public static final String PAIRING_QR_KEY = "qr";
    public static final String PAIRING_CODE_KEY = "pairing-code";
    /** While WhatsApp waits for the account's passkey: its WebAuthn request options (JSON, with the challenge). */
    public static final String PAIRING_PASSKEY_KEY = "passkey-request-options";
    public static final String PAIRING_EXPIRES_AT_KEY = "expires-at";
    /** The port of the session pod's REST API. */
    public static final int HTTP_PORT = 8080;
    /** The pod's management port: health probes and {@code /q/metrics}, for the kubelet and Prometheus only. */
    public static final int MANAGEMENT_PORT = 9000;
    /**
     * The headless Service that governs every session pod of a namespace (the StatefulSets' {@code serviceName}): one
     * per namespace, which gives each ready pod the name {@code <pod>.kubezap-sessions.<namespace>.svc}.
     */
    public static final String SESSIONS_SERVICE = "kubezap-sessions";
    /**
     * Where a session pod's REST API answers inside the cluster, with {@code {host}}, {@code {namespace}} and
     * {@code {port}} to fill in ({@link #baseUrl(String, String, String, String)}): the one definition the operator
     * (its polls, {@code status.endpoint}) and the gateway (its default {@code kubezap.gateway.session-url}) use.
     * {@code {service}}, the placeholder of releases that gave each session a Service of its own, means the same as
     * {@code {host}}, so a template written for them still reaches the pod.
     */
    public static final String BASE_URL_TEMPLATE = "http://{host}.{namespace}.svc:{port}";

    private SessionObjectNames() {
    }

    public static String apiKeySecretName(String session) {
        return session + "-api-key";
    }

    /**
     * The Secret that holds the session's live QR payload or pairing code while one waits to be used: linking secrets
     * are readable by who may read Secrets (Kubernetes' {@code edit}, {@code admin}), not by {@code view}.
     */
    public static String pairingSecretName(String session) {
        return session + "-pairing";
    }

    /** The session's one pod, {@code <session>-0}, which its StatefulSet names. */
    public static String podName(String session) {
        return session + "-0";
    }

    /**
     * The name of the Service of its own that releases before the namespace's headless Service gave each session; a
     * session whose StatefulSet was created then keeps it ({@link SessionAddress#OWN_SERVICE}).
     */
    public static String ownServiceName(String session) {
        return session;
    }

    /** The in-cluster base URL of the session pod under the namespace's headless Service. */
    public static String baseUrl(String namespace, String session) {
        return SessionAddress.GOVERNED.baseUrl(BASE_URL_TEMPLATE, namespace, session);
    }

    /**
     * {@code template}'s placeholders filled in for the session, at the address its {@code status.endpoint} reports
     * ({@link SessionAddress#reportedBy}): callers that do not see the session's StatefulSet (the gateway, the
     * operator's polls) reach a session still on its own Service there, and every other one under the headless Service.
     */
    public static String baseUrl(String template, String namespace, String session, String reportedEndpoint) {
        return SessionAddress.reportedBy(namespace, session, reportedEndpoint).baseUrl(template, namespace, session);
    }
}
