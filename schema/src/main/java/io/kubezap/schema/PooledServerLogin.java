package io.kubezap.schema;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Whether the shared server role {@value SessionSchema#POOLED_SERVER_ROLE} (migration V94, record 0020) may log in: only
 * while the chart's PgBouncer logs in as it, by client certificate (the server's pg_hba admits the role by nothing
 * else). Set by the migration Job from {@value #ENVIRONMENT}; unset leaves the role as it is (a pooler run by hand).
 */
public final class PooledServerLogin {

    /** The migration Job's environment variable: true, the role logs in; false, it does not. */
    public static final String ENVIRONMENT = "KUBEZAP_POOLED_SERVER_LOGIN";

    private PooledServerLogin() {
    }

    /** On a connection of the admin (who created the role). */
    public static void set(Connection admin, boolean login) throws SQLException {
        try (var statement = admin.createStatement()) {
            statement.execute("alter role " + SessionSchema.POOLED_SERVER_ROLE + (login ? " with login" : " with nologin"));
        }
    }
}
