package io.kubezap.contract;

/**
 * Where a session pod serves its REST API and probes, and how a caller presents the API key: what the pod serves,
 * the operator probes and polls, and the gateway proxies to.
 */
public final class SessionApi {

    /** The header that carries an API key (the pod's, or at the gateway a gateway key); {@code Authorization: Bearer} works too. */
    public static final String API_KEY_HEADER = "X-Api-Key";

    public static final String SESSIONS = "/api/v1/sessions";
    /** One session's API, as a JAX-RS path template. */
    public static final String SESSION = SESSIONS + "/{session}";
    /** The session's event stream over a WebSocket, relative to {@link #SESSION}. */
    public static final String EVENT_SOCKET = "/events/ws";

    /**
     * Quarkus' health endpoints, served by every pod on its management port
     * ({@link SessionObjectNames#MANAGEMENT_PORT}): the operator's probes point at them.
     */
    public static final String STARTED_PROBE = "/q/health/started";
    public static final String LIVE_PROBE = "/q/health/live";
    public static final String READY_PROBE = "/q/health/ready";

    private SessionApi() {
    }

    /** The path of session {@code session}'s API, e.g. {@code /api/v1/sessions/loja-01}. */
    public static String session(String session) {
        return SESSIONS + "/" + session;
    }
}
