package io.kubezap.gateway.auth;

import java.util.List;

/**
 * What a caller does to a session, with the Kubernetes verb a ServiceAccount needs on {@code whatsappsessions}
 * (group {@code kubezap.io}) and the least gateway key role that may do it.
 */
public enum Operation {
    LIST("list", KeyRole.SEND),
    /** The session itself (its spec and status; not the code that links a phone, which is {@link #MANAGE}'s). */
    READ("get", KeyRole.SEND),
    /**
     * What the session holds: messages, chats, contacts, media, events, webhook deliveries, figures — every read under
     * a session but its linking codes, and the gateway's event streams and stats. Plain {@code get} does not give them.
     */
    READ_MESSAGES("read-messages", KeyRole.SEND),
    /** Any call under a session that is neither a read nor {@link #MANAGE}: sending, reacting, marking read, ... */
    SEND("send", KeyRole.SEND),
    /** What changes the session's link to WhatsApp: logout, restart, asking for a pairing code, reading its QR. */
    MANAGE("manage", KeyRole.MANAGE),
    CREATE("create", KeyRole.ADMIN),
    PATCH("patch", KeyRole.ADMIN),
    DELETE("delete", KeyRole.ADMIN);

    /** The custom RBAC verb for reading what a session holds through the gateway; documented in gateway/README.md. */
    public static final String READ_MESSAGES_VERB = "read-messages";
    /** The custom RBAC verb for sending through the gateway; documented in gateway/README.md. */
    public static final String SEND_VERB = "send";
    /** The custom RBAC verb for logout, restart and pairing codes through the gateway; documented in gateway/README.md. */
    public static final String MANAGE_VERB = "manage";

    /** What can be done to one session, in the order the gateway lists what a caller may do ({@code allowed}). */
    public static final List<Operation> ON_A_SESSION = List.of(READ, READ_MESSAGES, SEND, MANAGE, PATCH, DELETE);

    private final String verb;
    private final KeyRole leastRole;

    Operation(String verb, KeyRole leastRole) {
        this.verb = verb;
        this.leastRole = leastRole;
    }

    public String verb() {
        return verb;
    }

    KeyRole leastRole() {
        return leastRole;
    }
}
