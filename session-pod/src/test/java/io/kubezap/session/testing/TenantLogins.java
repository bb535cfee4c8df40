package io.kubezap.session.testing;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * A tenant's database login made as the operator makes it (docs/decisions/0017), on a database the release has
 * migrated: the namespace's role, member of {@code kubezap_session}, and each session's token mapped to its name. The
 * operator's {@code NamespaceRoles} and {@code SessionRoles} do the same with a SCRAM verifier and
 * {@code log_parameter_max_length=0}. For test databases only: the values are written into the statements.
 */
public final class TenantLogins {

    private TenantLogins() {
    }

    public static void createNamespaceRole(Statement sql, String role, String password, String namespace)
            throws SQLException {
        sql.execute("create role " + role + " login password '" + password + "' in role kubezap_session");
        sql.execute("insert into namespace_roles (role_name, for_namespace, password_sha256) values ('" + role + "', '"
                + namespace + "', sha256(convert_to('" + password + "', 'UTF8')))");
    }

    public static void mapToken(Statement sql, String token, String namespace, String session) throws SQLException {
        sql.execute("insert into session_tokens (token_hash, for_namespace, for_session) values (sha256(convert_to('"
                + token + "', 'UTF8')), '" + namespace + "', '" + session + "')");
    }
}
