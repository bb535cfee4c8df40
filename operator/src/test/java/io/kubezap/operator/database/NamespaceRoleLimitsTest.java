package io.kubezap.operator.database;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 79, S3: with CloudNativePG the admin is the Cluster's owner, no superuser, and may set only the superuser-only
 * parameters the bootstrap granted it. A namespace role must still get both limits (a tenant's sort spills are capped,
 * its token stays out of the server log), and one the owner may not set must not cost it the other. Real PostgreSQL.
 */
class NamespaceRoleLimitsTest {

    private static ChartServer server;

    @BeforeAll
    static void cloudNativePgServer() {
        server = ChartServer.start(ChartServer.Mode.CLOUDNATIVEPG, true);
    }

    @Test
    void anOwnerWithTheBootstrapsGrantsGivesItsNamespaceRolesBothLimits() throws SQLException {
        new NamespaceRoles(server.admin()).ensure("limits", "limits-password", 5);

        try (Connection tenant = server.connect(ChartServer.DATABASE, NamespaceRoles.roleName("limits"), "limits-password")) {
            assertThat(Sql.strings(tenant, "show temp_file_limit")).containsExactly(SessionRoles.TEMP_FILE_LIMIT); // before: -1
            assertThat(Sql.strings(tenant, "show log_parameter_max_length")).containsExactly("0"); // before: -1
        }
    }

    /** A Cluster bootstrapped before issue 79 granted the owner temp_file_limit only. */
    @Test
    void aLimitTheOwnerMayNotSetCostsTheRoleNotTheOther() throws SQLException {
        server.asSuperuser("revoke set on parameter log_parameter_max_length from kubezap");
        try {
            new NamespaceRoles(server.admin()).ensure("older-cluster", "older-password", 5);
        } finally {
            server.asSuperuser("grant set on parameter log_parameter_max_length to kubezap");
        }

        try (Connection tenant = server.connect(ChartServer.DATABASE, NamespaceRoles.roleName("older-cluster"), "older-password")) {
            assertThat(Sql.strings(tenant, "show temp_file_limit")).containsExactly(SessionRoles.TEMP_FILE_LIMIT); // before: -1
        }
    }
}
