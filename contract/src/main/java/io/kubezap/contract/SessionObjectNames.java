package io.kubezap.contract;

/**
 * How the objects the operator creates for a session are named: what the operator writes and the gateway reads to
 * reach a session pod (its Service, and its API key in its Secret, which the gateway reads from the copy in its own
 * namespace, {@link GatewayKeyCopy}).
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
    public static final String PAIRING_EXPIRES_AT_KEY = "expires-at";
    /** The port of the session's Service and pod. */
    public static final int HTTP_PORT = 8080;
    /** The pod's management port: health probes and {@code /q/metrics}, for the kubelet and Prometheus only. */
    public static final int MANAGEMENT_PORT = 9000;
    /**
     * Where a session pod's REST API answers inside the cluster, with {@code {service}}, {@code {namespace}} and
     * {@code {port}} to fill in ({@link #baseUrl(String, String, String)}): the one definition the operator (its
     * polls, {@code status.endpoint}) and the gateway (its default {@code kubezap.gateway.session-url}) use.
     */
    public static final String BASE_URL_TEMPLATE = "http://{service}.{namespace}.svc:{port}";

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

    public static String serviceName(String session) {
        return session;
    }

    /** The in-cluster base URL of the session's REST API, as {@link #BASE_URL_TEMPLATE} gives it. */
    public static String baseUrl(String namespace, String session) {
        return baseUrl(BASE_URL_TEMPLATE, namespace, session);
    }

    /** {@code template}'s placeholders ({@link #BASE_URL_TEMPLATE}'s) filled in for the session. */
    public static String baseUrl(String template, String namespace, String session) {
        return template.replace("{service}", serviceName(session))
                .replace("{namespace}", namespace)
                .replace("{port}", Integer.toString(HTTP_PORT));
    }
}
