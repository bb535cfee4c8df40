package io.kubezap.operator.database;

import io.fabric8.kubernetes.api.model.Quantity;
import io.kubezap.operator.config.OperatorConfig;
import io.kubezap.schema.SessionSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each session's database identity (docs/decisions/0017): its namespace's login role ({@link NamespaceRoles}, in group
 * {@value SessionSchema#SESSION_GROUP_ROLE}, which holds the table grants), with a connection limit for all the
 * namespace's sessions and timeouts so that no tenant can exhaust or block the shared server; the session's own token,
 * whose hash names its {@code (namespace, session)} to row-level security; and its storage quota. Made with the
 * session, from the passwords and tokens the sessions' Secrets keep; the token goes with the session, the namespace's
 * role with its last session. Nothing that exists is set again: an operator restart changes no credential.
 * <p>
 * Sessions of the release before logged in with a role of their own ({@link #roleName(String, String)}, record 0012);
 * such a role is dropped with its session.
 */
@ApplicationScoped
public class SessionRoles {

    private static final String PREFIX = "kubezap_s_";
    /** A session pod's pool size when the operator does not set one (the pod's own default). */
    static final int DEFAULT_POOL_MAX = 3;
    /** A session host's pool size where no configuration is read ({@code kubezap.host.database-pool-max}'s default). */
    static final int DEFAULT_HOST_POOL_MAX = Integer.parseInt(OperatorConfig.Host.DEFAULT_DATABASE_POOL_MAX);
    /**
     * Each tenant role's defaults, so that one tenant's statement, lock wait or forgotten transaction cannot hold the
     * shared tables for long; a tenant that turns them off is ended by {@link SessionConnectionGuard}.
     */
    public static final String STATEMENT_TIMEOUT = "30s";
    public static final String LOCK_TIMEOUT = "10s";
    public static final String IDLE_IN_TRANSACTION_TIMEOUT = "1min";
    /**
     * Most temporary-file space one statement of a tenant role may fill (a sort or hash spilling to disk), which no
     * storage quota counts. Only a superuser may change it (SET included), so a tenant cannot lift it; an admin without
     * the right to set it leaves it unset, and warns.
     */
    public static final String TEMP_FILE_LIMIT = "1GB";

    private final AdminDatabase admin;
    private final NamespaceRoles namespaces;
    private final RoleConnectionBudget budget;
    /** Bytes of rows each session may keep (its {@code session_storage.quota_bytes}); null: none. */
    private final Long storageQuota;
    /**
     * namespace/session → the identity as last set by this operator: what its dependent compares the desired one with,
     * so a reconcile does not touch the server when nothing changed.
     */
    private final Map<String, SessionRole> ensured = new ConcurrentHashMap<>();

    @Inject
    public SessionRoles(AdminDatabase admin, OperatorConfig config) {
        this(admin, new RoleConnectionBudget(config.session().databasePoolMax().orElse(DEFAULT_POOL_MAX) + 1,
                        config.host().databasePoolMax() + 1),
                config.session().databaseQuota().map(quota -> Quantity.getAmountInBytes(new Quantity(quota)).longValueExact())
                        .orElse(null));
    }

    public SessionRoles(AdminDatabase admin) {
        this(admin, DEFAULT_POOL_MAX, null);
    }

    /** Session pods of pool {@code poolMax}, hosts of the default pool. */
    public SessionRoles(AdminDatabase admin, int poolMax, Long storageQuota) {
        this(admin, new RoleConnectionBudget(poolMax + 1, DEFAULT_HOST_POOL_MAX + 1), storageQuota);
    }

    /** Each namespace's role may hold the connections of {@code budget}; each session keeps {@code storageQuota} bytes of rows (null: no quota). */
    public SessionRoles(AdminDatabase admin, RoleConnectionBudget budget, Long storageQuota) {
        this.admin = admin;
        this.namespaces = new NamespaceRoles(admin);
        this.budget = budget;
        this.storageQuota = storageQuota;
    }

    /** The most connections one session's pod may hold; its namespace's role may hold this many per session pod. */
    public int connectionsPerSession() {
        return budget.perPod();
    }

    /** What a namespace's role may hold per session pod and per session host. */
    public RoleConnectionBudget budget() {
        return budget;
    }

    /** The role a session of the release before logged in with: {@code kubezap_s_} and 40 hex of sha256(namespace/name). */
    public static String roleName(String namespace, String session) {
        return PREFIX + PasswordFingerprint.hex(namespace + "/" + session).substring(0, 40);
    }

    /** The identity as this operator last set it; empty before it did (since its start) or after it was dropped. */
    public Optional<SessionRole> ensured(String namespace, String session) {
        return Optional.ofNullable(ensured.get(key(namespace, session)));
    }

    /** The namespace's role logs in with the password, the session's token names the session, its quota is set. */
    public void ensure(SessionRole wanted) {
        namespaces.ensure(wanted.namespace(), wanted.password(), wanted.connectionLimit());
        namespaces.ensureToken(wanted.namespace(), wanted.session(), wanted.token());
        try {
            admin.use(connection -> {
                try (PreparedStatement quota = connection.prepareStatement("""
                        insert into %s as s (namespace, session, quota_bytes) values (?, ?, ?)
                        on conflict (namespace, session) do update set quota_bytes = excluded.quota_bytes
                        where s.quota_bytes is distinct from excluded.quota_bytes""".formatted(SessionSchema.SESSION_STORAGE))) {
                    quota.setString(1, wanted.namespace());
                    quota.setString(2, wanted.session());
                    quota.setObject(3, storageQuota, Types.BIGINT);
                    quota.executeUpdate();
                }
                return null;
            });
            ensured.put(key(wanted.namespace(), wanted.session()), wanted);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot set the storage quota of " + wanted.namespace() + "/"
                    + wanted.session(), e);
        }
    }

    /**
     * The session's token and its role of the release before are gone, and its namespace's role with the namespace's
     * last token; the connections of a dropped role are ended. Its rows stay unless deleted apart.
     */
    public void drop(String namespace, String session) {
        String legacy = roleName(namespace, session);
        String shared = NamespaceRoles.roleName(namespace);
        try {
            admin.use(connection -> {
                connection.setAutoCommit(false);
                try (PreparedStatement unmap = connection.prepareStatement(
                        "delete from " + SessionSchema.SESSION_ROLES + " where role_name = ?")) {
                    unmap.setString(1, legacy);
                    unmap.executeUpdate();
                }
                // the namespace's row locked: a session of the namespace made meanwhile waits, then makes it again
                boolean last = namespaces.dropToken(connection, namespace, session);
                if (exists(connection, legacy)) {
                    endConnections(connection, legacy);
                    execute(connection, "drop role " + legacy);
                }
                if (last && exists(connection, shared)) {
                    endConnections(connection, shared);
                    execute(connection, "drop role " + shared);
                }
                connection.commit();
                return null;
            });
            ensured.remove(key(namespace, session));
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot drop the database identity of " + namespace + "/" + session, e);
        }
    }

    private static String key(String namespace, String session) {
        return namespace + "/" + session;
    }

    /** Best effort: an admin that may not signal other backends still drops the role (its sessions end with the pod). */
    private static void endConnections(Connection connection, String role) {
        try (PreparedStatement end = connection.prepareStatement(
                "select pg_terminate_backend(pid) from pg_stat_activity where usename = ?")) {
            end.setString(1, role);
            end.executeQuery().close();
        } catch (SQLException notAllowed) {
            // pg_signal_backend missing: nothing else to do
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static boolean exists(Connection connection, String role) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select 1 from pg_roles where rolname = ?")) {
            query.setString(1, role);
            try (var rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
