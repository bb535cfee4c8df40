package io.kubezap.gateway.auth;

/**
 * What a caller does to a session, with the Kubernetes verb a ServiceAccount needs on {@code whatsappsessions}
 * (group {@code kubezap.io}) and whether a send-only gateway key may do it.
 */
public enum Operation {
    LIST("list", true),
    READ("get", true),
    /** Any call under a session that is not a read: sending, reacting, marking read, restarting, ... */
    SEND("send", true),
    CREATE("create", false),
    PATCH("patch", false),
    DELETE("delete", false);

    /** The custom RBAC verb for sending through the gateway; documented in gateway/README.md. */
    public static final String SEND_VERB = "send";

    private final String verb;
    private final boolean allowedToSendOnlyKeys;

    Operation(String verb, boolean allowedToSendOnlyKeys) {
        this.verb = verb;
        this.allowedToSendOnlyKeys = allowedToSendOnlyKeys;
    }

    public String verb() {
        return verb;
    }

    boolean allowedToSendOnlyKeys() {
        return allowedToSendOnlyKeys;
    }
}
