package io.kubezap.operator.database;

import io.fabric8.kubernetes.api.model.Quantity;
import io.kubezap.operator.config.OperatorConfig;
import io.kubezap.schema.SessionSchema;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.postgresql.util.PasswordUtil;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each session's own database role: a login role in group {@value SessionSchema#SESSION_GROUP_ROLE} (which holds the table grants),
 * recorded in {@value SessionSchema#SESSION_ROLES} so that row-level security gives it only the rows of its {@code (namespace,
 * session)}, with a connection limit and timeouts of its own so that no tenant can exhaust or block the shared server. Created with the session, its password set from the session's Secret, dropped with the session.
 * The password travels as a SCRAM verifier computed here, so it is never in a statement the server could log. Each
 * change is one transaction on one of the operator's admin connections ({@link AdminDatabase}).
 */
@ApplicationScoped
public class SessionRoles {

    private static final String PREFIX = "kubezap_s_";
    /** A session pod's pool size when the operator does not set one (the pod's own default). */
    static final int DEFAULT_POOL_MAX = 3;
    /**
     * Each session role's defaults, so that one tenant's statement, lock wait or forgotten transaction cannot hold the
     * shared tables for long; a tenant that turns them off is ended by {@link SessionConnectionGuard}.
     */
    public static final String STATEMENT_TIMEOUT = "30s";
    public static final String LOCK_TIMEOUT = "10s";
    public static final String IDLE_IN_TRANSACTION_TIMEOUT = "1min";
    /**
     * Most temporary-file space one statement of a session role may fill (a sort or hash spilling to disk), which no
     * storage quota counts. Only a superuser may change it (SET included), so a tenant cannot lift it; an admin without
     * the right to set it leaves it unset, and warns.
     */
    public static final String TEMP_FILE_LIMIT = "1GB";

    private final AdminDatabase admin;
    private final int connectionLimit;
    /** Bytes of rows each session may keep (its {@code session_storage.quota_bytes}); null: none. */
    private final Long storageQuota;
    /**
     * role → the role as last set by this operator: what its dependent compares the desired role with, so a reconcile
     * does not touch the server when nothing changed (PostgreSQL keeps a verifier only: a password cannot be read back).
     */
    private final Map<String, SessionRole> ensured = new ConcurrentHashMap<>();

    @Inject
    public SessionRoles(AdminDatabase admin, OperatorConfig config) {
        this(admin, config.session().databasePoolMax().orElse(DEFAULT_POOL_MAX),
                config.session().databaseQuota().map(quota -> Quantity.getAmountInBytes(new Quantity(quota)).longValueExact())
                        .orElse(null));
    }

    public SessionRoles(AdminDatabase admin) {
        this(admin, DEFAULT_POOL_MAX, null);
    }

    /**
     * Each role may hold its pod's pool and one more (a connection still closing while its replacement opens), and
     * keep {@code storageQuota} bytes of rows (null: no quota).
     */
    public SessionRoles(AdminDatabase admin, int poolMax, Long storageQuota) {
        this.admin = admin;
        this.connectionLimit = poolMax + 1;
        this.storageQuota = storageQuota;
    }

    /** The most connections a session's role may hold at once (its CONNECTION LIMIT). */
    public int connectionLimit() {
        return connectionLimit;
    }

    /** {@code kubezap_s_} and 40 hex digits of SHA-256 over {@code namespace/name}: fits PostgreSQL's 63, never clashes. */
    public static String roleName(String namespace, String session) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest((namespace + "/" + session).getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(hash).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The role exists, logs in with {@code password} and is mapped to its session's rows. */
    public void ensure(String namespace, String session, String password) {
        ensure(new SessionRole(namespace, session, password));
    }

    /** The role as this operator last set it; empty before it did (since its start) or after the role was dropped. */
    public Optional<SessionRole> ensured(String namespace, String session) {
        return Optional.ofNullable(ensured.get(roleName(namespace, session)));
    }

    /** The role exists, logs in with its password and is mapped to its session's rows: one transaction. */
    public void ensure(SessionRole wanted) {
        String namespace = wanted.namespace();
        String session = wanted.session();
        String password = wanted.password();
        String role = wanted.name();
        try {
            // the verifier's key derivation is the costly part: done before taking the shared connection
            String setPassword = PasswordUtil.genAlterUserPasswordSQL(role, password.toCharArray(), "scram-sha-256");
            // one round trip, in one implicit transaction: new sessions take turns on the few admin connections
            admin.use(connection -> {
                try (PreparedStatement ensure = connection.prepareStatement("""
                        do $$ begin
                            if not exists (select from pg_roles where rolname = '%1$s') then
                                create role %1$s login in role %2$s;
                            end if;
                        end $$;
                        %3$s;
                        alter role %1$s connection limit %4$d;
                        alter role %1$s set statement_timeout = '%5$s';
                        alter role %1$s set lock_timeout = '%6$s';
                        alter role %1$s set idle_in_transaction_session_timeout = '%7$s';
                        do $limit$ begin
                            alter role %1$s set temp_file_limit = '%10$s';
                        exception when insufficient_privilege then
                            raise warning 'temp_file_limit of %1$s left unset: the admin may not set it';
                        end $limit$;
                        insert into %8$s (role_name, namespace, session) values ('%1$s', ?, ?)
                        on conflict (role_name) do nothing;
                        insert into %9$s (namespace, session, quota_bytes) values (?, ?, ?)
                        on conflict (namespace, session) do update set quota_bytes = excluded.quota_bytes""".formatted(
                        role, SessionSchema.SESSION_GROUP_ROLE, setPassword, connectionLimit, STATEMENT_TIMEOUT, LOCK_TIMEOUT,
                        IDLE_IN_TRANSACTION_TIMEOUT, SessionSchema.SESSION_ROLES, SessionSchema.SESSION_STORAGE, TEMP_FILE_LIMIT))) {
                    ensure.setString(1, namespace);
                    ensure.setString(2, session);
                    ensure.setString(3, namespace);
                    ensure.setString(4, session);
                    ensure.setObject(5, storageQuota, Types.BIGINT);
                    ensure.execute();
                }
                return null;
            });
            ensured.put(role, wanted);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot create the database role of " + namespace + "/" + session, e);
        }
    }

    /** The role and its mapping are gone (its rows stay unless deleted apart); its open connections are ended. */
    public void drop(String namespace, String session) {
        String role = roleName(namespace, session);
        try {
            admin.use(connection -> {
                endConnections(connection, role);
                connection.setAutoCommit(false);
                try (PreparedStatement unmap = connection.prepareStatement(
                        "delete from " + SessionSchema.SESSION_ROLES + " where role_name = ?")) {
                    unmap.setString(1, role);
                    unmap.executeUpdate();
                }
                if (exists(connection, role)) {
                    execute(connection, "drop role " + role);
                }
                connection.commit();
                return null;
            });
            ensured.remove(role);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot drop the database role of " + namespace + "/" + session, e);
        }
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
