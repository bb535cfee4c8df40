package io.kubezap.schema;

import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The gateway's own login: the role {@value SessionSchema#GATEWAY_ROLE} itself (migration V49: it reads events,
 * messages and webhook deliveries and writes nothing) may log in, with the password the migration Job is given in
 * {@value #PASSWORD_ENVIRONMENT}. The role is a member of no other role, so nothing the gateway's SQL could do
 * ({@code reset role}, {@code set role}) takes it beyond those reads: row-level security does not rest on a
 * {@code set role} any more.
 */
public final class GatewayLogin {

    /** The migration Job's environment variable with the gateway's database password (unset: the gateway has no login). */
    public static final String PASSWORD_ENVIRONMENT = "KUBEZAP_GATEWAY_DATABASE_PASSWORD";

    private GatewayLogin() {
    }

    /**
     * Lets the gateway's role log in with {@code password}, on a connection of the admin (who created the role). The
     * password is sent hashed (SCRAM, computed by the driver), so it appears in no server log.
     */
    public static void allow(Connection admin, String password) throws SQLException {
        try (var statement = admin.createStatement()) {
            statement.execute("alter role " + SessionSchema.GATEWAY_ROLE + " with login");
        }
        admin.unwrap(PGConnection.class).alterUserPassword(SessionSchema.GATEWAY_ROLE, password.toCharArray(), "scram-sha-256");
    }
}
