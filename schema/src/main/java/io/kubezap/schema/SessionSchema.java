package io.kubezap.schema;

/**
 * The names in the session pods' PostgreSQL schema that code outside the migrations uses: where the migrations are on
 * the class path, the tables the operator and the gateway read or clean, the roles, and the channel the events
 * table's trigger notifies. The migrations themselves ({@value #MIGRATIONS}) are the schema's one definition.
 */
public final class SessionSchema {

    /** Class path location of the Flyway migrations. */
    public static final String MIGRATIONS = "db/migration";
    /** Class path resource listing the migration scripts, one file name a line (written by this module's build). */
    public static final String MIGRATION_LIST = "db/migration-list.txt";

    public static final String EVENTS = "events";
    public static final String MESSAGES = "messages";
    public static final String WEBHOOK_DELIVERIES = "webhook_deliveries";
    /** Which login role is which session's (row-level security reads it); written by the operator. */
    public static final String SESSION_ROLES = "session_roles";
    /** Each session's bytes of rows and its quota (migration V78): written by the accounting trigger and the operator. */
    public static final String SESSION_STORAGE = "session_storage";
    /** SQLSTATE of a session role's write refused because its session is at its storage quota (migration V78). */
    public static final String STORAGE_QUOTA_EXCEEDED = "KZ001";
    /** SQLSTATE of a key store write refused because another pod took the session's fencing token (migration V91). */
    public static final String KEY_STORE_FENCED = "KZ002";

    /**
     * NOTIFY channel of the events table: the payload is the new event's id (migration V49). The channel's name is
     * secret, this prefix and random digits (V84): read it with {@link NotificationChannels#name}.
     */
    public static final String EVENTS_CHANNEL = "kubezap_events";
    /**
     * NOTIFY channel on which a session pod says its state (phase, QR, pairing code, account) changed: the payload is
     * {@code <namespace>/<session>}, and the operator, listening, polls that session's pod at once. A pod sends it
     * with {@link #NOTIFY_STATE_CHANGE}, which names the caller's own session; the channel's name is secret (V84,
     * {@link NotificationChannels#name}). A notification is a wake-up only: what the operator writes comes from the pod
     * it then asks.
     */
    public static final String STATE_CHANNEL = "kubezap_session_state";
    /**
     * The function a session pod calls to notify {@link #STATE_CHANNEL}, with its namespace and name (V84; pg_notify
     * is not PUBLIC's): a session role may name its own session only.
     */
    public static final String NOTIFY_STATE_CHANGE = "kubezap_notify_state_change";
    /**
     * How full PostgreSQL's NOTIFY queue may be ({@code pg_notification_queue_usage()}) for the sessions' notices to
     * be sent (V96): past it an event or state change is written without its notice, so a queue a tenant fills stops
     * nobody's writes, and listeners read the table instead.
     */
    public static final double NOTIFY_QUEUE_HELD = 0.5;

    /** The {@link #STATE_CHANNEL} payload naming a session. */
    public static String statePayload(String namespace, String session) {
        return namespace + "/" + session;
    }
    /** Group role of every session's login role; it holds the table grants (migration V20). */
    public static final String SESSION_GROUP_ROLE = "kubezap_session";
    /**
     * The one server role a pooler logs in as for every namespace (migration V94, docs/decisions/0020): the namespace's
     * password gates the pooler, the session's token alone names the session behind it.
     */
    public static final String POOLED_SERVER_ROLE = "kubezap_pooled";

    /**
     * What the pooler runs on each new server connection of {@link #POOLED_SERVER_ROLE} before it serves anyone (PgBouncer's
     * {@code connect_query}, migration V95): puts back the role's own defaults if a tenant changed them, then refuses the
     * connection if it started with others (the pooler logs in again). Each step is proof against what a tenant may have
     * set: read-only transactions, a tiny statement timeout, another current role, another {@code search_path}.
     */
    public static String pooledConnectQuery(String schema) {
        return "begin read write; set local role none; set local statement_timeout = 0; set local lock_timeout = 0;"
                + " select " + schema + ".kubezap_pooled_restore_defaults(); commit;"
                + " select " + schema + ".kubezap_pooled_check_login()";
    }
    /** The gateway's read-only role (migration V49). */
    public static final String GATEWAY_ROLE = "kubezap_gateway";

    private SessionSchema() {
    }
}
