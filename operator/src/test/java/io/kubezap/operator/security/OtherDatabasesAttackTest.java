package io.kubezap.operator.security;

import io.kubezap.operator.database.ChartServer;
import io.kubezap.operator.database.NamespaceRoles;
import io.kubezap.operator.database.Sql;
import io.kubezap.operator.database.TenantReachableDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 79, S1: a tenant holds its namespace role's credentials. On the server's other databases (postgres, template1:
 * CONNECT and TEMP are PUBLIC's by default) none of kubezap's revokes, quotas or row-level security hold: there the
 * review stored 26 MB of large objects and a 22 MB temporary table, and took advisory locks. In each of the chart's
 * database modes, on real PostgreSQL made as the chart makes it, the role reaches kubezap's database only. (pg_hba's
 * reject, the second wall, is the helm module's TenantHbaTest.)
 */
class OtherDatabasesAttackTest {

    private static final String PASSWORD = "tenant-password";

    @ParameterizedTest
    @EnumSource(ChartServer.Mode.class)
    void aNamespaceRoleLogsInToKubezapsDatabaseOnly(ChartServer.Mode mode) throws SQLException {
        ChartServer server = ChartServer.start(mode, true);
        new NamespaceRoles(server.admin()).ensure("tenant", PASSWORD, 5);
        String role = NamespaceRoles.roleName("tenant");

        try (Connection own = server.connect(ChartServer.DATABASE, role, PASSWORD)) {
            assertThat(Sql.strings(own, "select current_user")).containsExactly(role);
        }
        for (String other : new String[]{"postgres", "template1"}) {
            // before the fix: logged in, then lo_from_bytea, create temporary table, pg_advisory_lock all worked there
            assertThatThrownBy(() -> server.connect(other, role, PASSWORD).close()).as(other)
                    .hasMessageContaining("permission denied for database \"" + other + "\"");
        }
        assertThatThrownBy(() -> server.connect("template0", role, PASSWORD).close())
                .hasMessageContaining("database \"template0\" is not currently accepting connections");
        assertThat(new TenantReachableDatabases(server.admin()).find()).as("nothing for the operator to warn about").isEmpty();
    }

    /** A server set up before the chart's bootstrap, or by hand: the operator names each database to close. */
    @Test
    void theOperatorFindsEveryOtherDatabaseATenantMayStillReach() throws SQLException {
        ChartServer server = ChartServer.start(ChartServer.Mode.CLOUDNATIVEPG, false);
        assertThat(new TenantReachableDatabases(server.admin()).find()).containsExactly("postgres", "template1");

        server.asSuperuser("create database another_app");
        server.asSuperuser("revoke connect on database postgres from public");
        assertThat(new TenantReachableDatabases(server.admin()).find()).containsExactly("another_app", "template1");
    }
}
