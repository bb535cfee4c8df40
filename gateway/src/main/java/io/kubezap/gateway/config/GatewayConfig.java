package io.kubezap.gateway.config;

import io.kubezap.contract.SessionObjectNames;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The gateway's settings (prefix {@code kubezap.gateway}); each is documented in gateway/README.md. */
@ConfigMapping(prefix = "kubezap.gateway")
public interface GatewayConfig {

    /** Where {@code /api/v1/sessions/{name}} looks for the session, and where a create without namespace goes. */
    String defaultNamespace();

    /**
     * The only namespace whose Secrets the gateway reads: its API keys and the operator's copies of the sessions' keys.
     * The chart gives it a namespace of its own, so that the gateway's Role reaches no platform Secret (the database
     * superuser's, in the release namespace); unset: the default namespace.
     */
    java.util.Optional<String> keysNamespace();

    default String keysNamespaceOrDefault() {
        return keysNamespace().orElse(defaultNamespace());
    }

    /**
     * The base URL of a session pod's REST API, with {@code {host}} (or {@code {service}}, as before),
     * {@code {namespace}} and {@code {port}} replaced: by default where the contract says a session pod answers
     * ({@code <session>-0.kubezap-sessions}, under its namespace's headless Service).
     */
    @WithDefault(SessionObjectNames.BASE_URL_TEMPLATE)
    String sessionUrl();

    /** How long a proxied call to a session pod may take before the gateway answers 504. */
    @WithDefault("PT60S")
    java.time.Duration podRequestTimeout();

    /**
     * The namespaces whose sessions the gateway serves, as the operator's watched namespaces; empty: all (the
     * gateway then lists cluster-wide).
     */
    java.util.Optional<java.util.List<String>> namespaces();

    /** Sessions per page when the caller names no limit. */
    @WithDefault("100")
    int defaultPageSize();

    /**
     * The key that signs stream tokens ({@code POST /api/v1/tokens}); every replica needs the same one (the chart
     * generates it into a Secret). Unset: a random key per process.
     */
    java.util.Optional<String> streamTokenKey();

    /** A comment (SSE) or ping (WebSocket) this often keeps idle streams open through proxies. */
    @WithDefault("15s")
    java.time.Duration streamHeartbeat();

    /** Events a stream may hold for a client that reads slower than they come; beyond, the client is dropped. */
    @WithDefault("1000")
    int streamBuffer();

    /**
     * How long the API server's answers about a token (TokenReview) or a permission (SubjectAccessReview) are reused
     * before it is asked again: a revoked RoleBinding or token takes at most this long to take effect here (the API
     * server's own webhook authenticator keeps answers for 2 minutes by default).
     */
    @WithDefault("30s")
    java.time.Duration reviewCacheTtl();

    /**
     * Failed authentications (an unknown key, a token the API server refused) one client (remote address) may make
     * before it gets 429 without the API server being asked; one more is allowed per {@link #authFailureRefill()}.
     */
    @WithDefault("20")
    int authFailuresPerClient();

    /** The same for all clients together, against a flood from many addresses. */
    @WithDefault("200")
    int authFailuresTotal();

    /** How often one more failed authentication is allowed, per client (and ten times as often for all together). */
    @WithDefault("1s")
    java.time.Duration authFailureRefill();

    /**
     * Proxied calls and event streams one caller (a gateway key, a Kubernetes user) may have open at once; one more
     * gets 429.
     */
    @WithDefault("100")
    int maxStreamsPerCaller();

    /**
     * Proxied calls and event streams this replica has open at once, all callers together; one more gets 503
     * {@code gateway-busy} with {@code Retry-After}. Each live event stream is written every event of the sessions
     * it may read, so the count of streams, not of keys, is what a replica's CPU and memory carry.
     */
    @WithDefault("2000")
    int maxStreams();

    /** Events one resumed stream replays at most; then it is dropped with where to resume, and reconnects for more. */
    @WithDefault("10000")
    int maxReplay();

    /** Connections the proxy keeps to one session pod (each open stream holds one). */
    @WithDefault("256")
    int podConnections();

    /** How long before a gateway key's {@code expiresAt} it is told about (Warning Event {@code KeyExpiringSoon}). */
    @WithDefault("7d")
    java.time.Duration keyExpiryWarning();

    /** How often the keys' expiries are published and checked. */
    @WithDefault("1h")
    java.time.Duration keyExpiryCheck();
}
