package io.kubezap.operator.database;

import io.kubezap.schema.SessionSchema;
import org.postgresql.util.PasswordUtil;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The pooled identity (docs/decisions/0017): one login role per tenant namespace, in group
 * {@value SessionSchema#SESSION_GROUP_ROLE}, with a connection limit and the session roles' timeouts; and per session a
 * random token, of which the database keeps only the SHA-256 ({@value #TOKENS}, admin-only), mapped to the session.
 * Row-level security gives a transaction the rows of the session whose token it presented
 * ({@code set_config('kubezap.token', $1, true)}), and only when it logged in as that session's namespace role.
 * <p>
 * Nothing that exists is changed: the role's password is set when the role is made or when the wanted password is not
 * the one last set (its SHA-256 in {@value #ROLES}); a session's token row is written when it is missing or differs. An
 * operator that restarts and ensures every namespace and session again therefore changes no credential and no salt.
 * Neither the password nor the token is ever in a statement: the password travels as a SCRAM verifier computed here,
 * the token as its hash.
 */
public class NamespaceRoles {

    static final String ROLES = "namespace_roles";
    static final String TOKENS = "session_tokens";
    private static final String PREFIX = "kubezap_n_";
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * PostgreSQL logs a statement's bind parameters (with {@code log_statement}, {@code log_min_duration_statement})
     * up to this many bytes each: none, so the token never reaches the server log. Superuser-only (an admin without
     * the right to set it leaves it to the server's configuration, and warns). Set in a block apart from
     * {@code temp_file_limit}: a failed one would roll back the other (issue 79, S3).
     */
    static final String LOG_PARAMETER_MAX_LENGTH = "0";

    private final AdminDatabase admin;

    public NamespaceRoles(AdminDatabase admin) {
        this.admin = admin;
    }

    /** {@code kubezap_n_} and 40 hex digits of SHA-256 over the namespace's name. */
    public static String roleName(String namespace) {
        return PREFIX + PasswordFingerprint.hex(namespace).substring(0, 40);
    }

    /**
     * The namespace's role exists, logs in with {@code password} and holds at most {@code connectionLimit}
     * connections, with the session roles' timeouts. Only what differs is changed: the verifier is set only when the
     * password is not the one last set, so a restarted operator changes no credential and no salt.
     */
    public void ensure(String namespace, String password, int connectionLimit) {
        String role = roleName(namespace);
        try {
            String setPassword = PasswordUtil.genAlterUserPasswordSQL(role, password.toCharArray(), "scram-sha-256");
            String fingerprint = PasswordFingerprint.hex(password);
            admin.use(connection -> {
                try (Statement ensure = connection.createStatement()) {
                    ensure.execute("""
                        do $$
                        declare
                            timeouts text[] := array['statement_timeout=%7$s', 'lock_timeout=%8$s',
                                                     'idle_in_transaction_session_timeout=%9$s'];
                            actual   text[];
                        begin
                            if not exists (select from pg_roles where rolname = '%1$s') then
                                create role %1$s login in role %2$s;
                            end if;
                            if not exists (select from %3$s where role_name = '%1$s' and password_sha256 = '\\x%4$s') then
                                execute $kzpw$%5$s$kzpw$;
                                insert into %3$s (role_name, for_namespace, password_sha256) values ('%1$s', '%12$s', '\\x%4$s')
                                on conflict (role_name) do update set password_sha256 = excluded.password_sha256;
                            end if;
                            if (select rolconnlimit from pg_roles where rolname = '%1$s') <> %6$d then
                                alter role %1$s connection limit %6$d;
                            end if;
                            select s.setconfig into actual from pg_db_role_setting s
                            where s.setrole = '%1$s'::regrole and s.setdatabase = 0;
                            if actual is null or not actual @> timeouts then
                                alter role %1$s set statement_timeout = '%7$s';
                                alter role %1$s set lock_timeout = '%8$s';
                                alter role %1$s set idle_in_transaction_session_timeout = '%9$s';
                            end if;
                            if actual is null or not actual @> array['temp_file_limit=%10$s'] then
                                begin
                                    alter role %1$s set temp_file_limit = '%10$s';
                                exception when insufficient_privilege then
                                    raise warning 'temp_file_limit of %1$s left to the server: the admin may not set it';
                                end;
                            end if;
                            if actual is null or not actual @> array['log_parameter_max_length=%11$s'] then
                                begin
                                    alter role %1$s set log_parameter_max_length = %11$s;
                                exception when insufficient_privilege then
                                    raise warning 'log_parameter_max_length of %1$s left to the server: the admin may not set it';
                                end;
                            end if;
                        end $$""".formatted(
                            role, SessionSchema.SESSION_GROUP_ROLE, ROLES, fingerprint, setPassword, connectionLimit,
                            SessionRoles.STATEMENT_TIMEOUT, SessionRoles.LOCK_TIMEOUT, SessionRoles.IDLE_IN_TRANSACTION_TIMEOUT,
                            SessionRoles.TEMP_FILE_LIMIT, LOG_PARAMETER_MAX_LENGTH, namespace.replace("'", "''")));
                }
                return null;
            });
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot create the database role of namespace " + namespace, e);
        }
    }

    /**
     * The session's token (its SHA-256) names the session for its namespace's role, which {@link #ensure} made. A
     * different token replaces the one before (a lost Secret); the same one writes nothing.
     */
    public void ensureToken(String namespace, String session, String token) {
        try {
            admin.use(connection -> {
                try (PreparedStatement map = connection.prepareStatement("""
                        insert into %1$s as t (token_hash, for_namespace, for_session) values (?, ?, ?)
                        on conflict (for_namespace, for_session) do update set token_hash = excluded.token_hash
                        where t.token_hash <> excluded.token_hash""".formatted(TOKENS))) {
                    map.setBytes(1, PasswordFingerprint.of(token));
                    map.setString(2, namespace);
                    map.setString(3, session);
                    map.executeUpdate();
                }
                return null;
            });
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("cannot record the database token of " + namespace + "/" + session, e);
        }
    }

    /**
     * On an admin connection in a transaction: the session's token names it no more. Returns whether it was its
     * namespace's last one, in which case the namespace's row is gone too (its role is the caller's to drop, in the
     * same transaction). The namespace's row is locked first, so that a token {@link #ensureToken} adds meanwhile waits
     * and then fails on the missing namespace, to be made again with its role by the next reconcile.
     */
    boolean dropToken(Connection connection, String namespace, String session) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                "select 1 from " + ROLES + " where for_namespace = ? for update")) {
            lock.setString(1, namespace);
            lock.executeQuery().close();
        }
        try (PreparedStatement unmap = connection.prepareStatement(
                "delete from " + TOKENS + " where for_namespace = ? and for_session = ?")) {
            unmap.setString(1, namespace);
            unmap.setString(2, session);
            unmap.executeUpdate();
        }
        try (PreparedStatement last = connection.prepareStatement("""
                delete from %s n where n.for_namespace = ?
                and not exists (select from %s t where t.for_namespace = n.for_namespace)""".formatted(ROLES, TOKENS))) {
            last.setString(1, namespace);
            return last.executeUpdate() > 0;
        }
    }

    /** A new token: 256 random bits, URL-safe base64. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

}
