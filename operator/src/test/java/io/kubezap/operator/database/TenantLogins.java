package io.kubezap.operator.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions' database identities for tests, set by the operator's {@link SessionRoles}: the namespace's role (one
 * password per namespace) and a token per session; and connections as the session's pod, or its tenant by hand, opens
 * them.
 */
public final class TenantLogins {

    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    private TenantLogins() {
    }

    public static String password(String namespace) {
        return namespace + "-password";
    }

    public static String token(String namespace, String session) {
        return TOKENS.computeIfAbsent(namespace + "/" + session, ignored -> NamespaceRoles.newToken());
    }

    /** What the operator sets for a session alone in its namespace. */
    public static void ensure(SessionRoles roles, String namespace, String session) {
        roles.ensure(new SessionRole(namespace, session, password(namespace), token(namespace, session),
                roles.connectionsPerSession()));
    }

    /** On the shared test server. */
    public static Connection connect(String namespace, String session) throws SQLException {
        return connect(MigratedDatabase.admin().jdbcUrl(), namespace, session);
    }

    /** As the pod connects with its {@code <name>-database} Secret (decoded), straight to the test server. */
    public static Connection connect(Map<String, String> secret) throws SQLException {
        return present(MigratedDatabase.connect(secret.get("username"), secret.get("password")), secret.get("token"));
    }

    /**
     * Logged in as the namespace's role, the session's token presented for the whole connection: a direct connection
     * as a tenant holding both may open by hand (the pod presents it per transaction instead, for poolers).
     */
    public static Connection connect(String jdbcUrl, String namespace, String session) throws SQLException {
        return present(DriverManager.getConnection(jdbcUrl, NamespaceRoles.roleName(namespace), password(namespace)),
                token(namespace, session));
    }

    private static Connection present(Connection connection, String token) throws SQLException {
        try (PreparedStatement present = connection.prepareStatement("select set_config('kubezap.token', ?, false)")) {
            present.setString(1, token);
            present.executeQuery().close();
        }
        return connection;
    }
}
