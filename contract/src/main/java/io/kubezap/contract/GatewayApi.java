package io.kubezap.contract;

/**
 * Where the gateway serves one session: under {@link #session(String, String)} it proxies everything to that session
 * pod's {@link SessionApi#session(String)}, with the pod's key. What the gateway routes and its clients (kubectl zap)
 * call.
 */
public final class GatewayApi {

    public static final String NAMESPACES = "/api/v1/namespaces";

    private GatewayApi() {
    }

    /** The gateway's path of one session, e.g. {@code /api/v1/namespaces/shop/sessions/loja-01}. */
    public static String session(String namespace, String session) {
        return NAMESPACES + "/" + namespace + "/sessions/" + session;
    }
}
