package io.kubezap.operator.database;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;

import static io.kubezap.operator.database.Sql.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operator's role bookkeeping against the real schema. */
class SessionRolesTest {

    private final SessionRoles roles = new SessionRoles(new AdminDatabase(MigratedDatabase::admin));

    @Test
    void roleNamesFitPostgresAndDifferPerSession() {
        String name = SessionRoles.roleName("a-very-long-namespace-name-that-goes-on", "and-a-session-name-as-long-as-dns-allows");
        assertThat(name).hasSizeLessThanOrEqualTo(63).matches("kubezap_s_[0-9a-f]{40}");
        assertThat(SessionRoles.roleName("shop", "loja-01")).isNotEqualTo(SessionRoles.roleName("shop", "loja-02"))
                .isNotEqualTo(SessionRoles.roleName("shop-loja", "01"));
    }

    @Test
    void aCreatedRoleLogsInIsMappedToItsSessionAndIsGoneAfterTheDrop() throws SQLException {
        String role = SessionRoles.roleName("roles", "charlie");
        roles.ensure("roles", "charlie", "first-password");
        roles.ensure("roles", "charlie", "second-password"); // idempotent; the password follows the Secret

        try (Connection admin = MigratedDatabase.connect("postgres", "postgres")) {
            assertThat(strings(admin, "select namespace || '/' || session from session_roles where role_name = '" + role + "'"))
                    .containsExactly("roles/charlie");
            assertThat(strings(admin, "select rolpassword from pg_authid where rolname = '" + role + "'"))
                    .singleElement().asString().startsWith("SCRAM-SHA-256$");
            assertThat(strings(admin, "select b.rolname from pg_auth_members m join pg_roles r on r.oid = m.member"
                    + " join pg_roles b on b.oid = m.roleid where r.rolname = '" + role + "'")).containsExactly("kubezap_session");
            assertThat(strings(admin, "select rolsuper::text || rolcreaterole::text || rolcreatedb::text from pg_roles"
                    + " where rolname = '" + role + "'")).containsExactly("falsefalsefalse");
        }
        try (Connection own = MigratedDatabase.connect(role, "second-password")) {
            assertThat(strings(own, "select current_user")).containsExactly(role);
        }

        roles.drop("roles", "charlie");
        roles.drop("roles", "charlie"); // already gone: nothing to do

        try (Connection admin = MigratedDatabase.connect("postgres", "postgres")) {
            assertThat(strings(admin, "select 1 from pg_roles where rolname = '" + role + "'")).isEmpty();
            assertThat(strings(admin, "select 1 from session_roles where role_name = '" + role + "'")).isEmpty();
        }
        assertThatThrownBy(() -> MigratedDatabase.connect(role, "second-password").close())
                .hasMessageContaining("does not exist");
    }

    @Test
    void anUnreachableDatabaseIsReportedAsSuch() {
        var nowhere = new SessionRoles(new AdminDatabase(() -> new AdminCredentials(
                "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2", "postgres", "x")));
        assertThatThrownBy(() -> nowhere.ensure("roles", "delta", "pw"))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("cannot create the database role of roles/delta");
    }
}
