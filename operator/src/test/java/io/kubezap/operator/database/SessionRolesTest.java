package io.kubezap.operator.database;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;

import static io.kubezap.operator.database.Sql.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The operator's identity bookkeeping (docs/decisions/0017) against the real schema. */
class SessionRolesTest {

    private final SessionRoles roles = new SessionRoles(new AdminDatabase(MigratedDatabase::admin));

    @Test
    void roleNamesFitPostgresAndDifferPerNamespace() {
        assertThat(NamespaceRoles.roleName("a-very-long-namespace-name-that-goes-on-and-on-as-far-as-dns-allows"))
                .hasSizeLessThanOrEqualTo(63).matches("kubezap_n_[0-9a-f]{40}");
        assertThat(NamespaceRoles.roleName("shop")).isNotEqualTo(NamespaceRoles.roleName("shop2"));
        assertThat(SessionRoles.roleName("shop", "loja-01")).matches("kubezap_s_[0-9a-f]{40}")
                .isNotEqualTo(SessionRoles.roleName("shop-loja", "01"));
    }

    @Test
    void aNamespacesRoleLogsInItsTokensNameTheirSessionsAndItGoesWithItsLastSession() throws SQLException {
        String role = NamespaceRoles.roleName("roles");
        TenantLogins.ensure(roles, "roles", "charlie");
        TenantLogins.ensure(roles, "roles", "delta");
        TenantLogins.ensure(roles, "roles", "charlie"); // idempotent

        try (Connection admin = MigratedDatabase.connect("postgres", "postgres")) {
            assertThat(strings(admin, "select for_session from session_tokens where for_namespace = 'roles' order by 1"))
                    .containsExactly("charlie", "delta");
            assertThat(strings(admin, "select count(*) from session_tokens where token_hash = sha256(convert_to('"
                    + TenantLogins.token("roles", "charlie") + "', 'UTF8'))")).as("only the hash is kept").containsExactly("1");
            assertThat(strings(admin, "select rolpassword from pg_authid where rolname = '" + role + "'"))
                    .singleElement().asString().startsWith("SCRAM-SHA-256$");
            assertThat(strings(admin, "select b.rolname from pg_auth_members m join pg_roles r on r.oid = m.member"
                    + " join pg_roles b on b.oid = m.roleid where r.rolname = '" + role + "'")).containsExactly("kubezap_session");
            assertThat(strings(admin, "select rolsuper::text || rolcreaterole::text || rolcreatedb::text || rolconnlimit"
                    + " from pg_roles where rolname = '" + role + "'")).containsExactly("falsefalsefalse" + roles.connectionsPerSession());
            assertThat(strings(admin, "select unnest(setconfig) from pg_db_role_setting where setrole = '" + role + "'::regrole"))
                    .contains("log_parameter_max_length=0", "statement_timeout=" + SessionRoles.STATEMENT_TIMEOUT);
        }
        try (Connection charlie = TenantLogins.connect("roles", "charlie")) {
            assertThat(strings(charlie, "select session from kubezap_current_session()")).containsExactly("charlie");
        }

        roles.drop("roles", "charlie");
        try (Connection delta = TenantLogins.connect("roles", "delta");
             Connection charlie = TenantLogins.connect("roles", "charlie")) {
            assertThat(strings(delta, "select session from kubezap_current_session()")).containsExactly("delta");
            assertThat(strings(charlie, "select session from kubezap_current_session()")).as("a dropped token").isEmpty();
        }
        roles.drop("roles", "delta");
        roles.drop("roles", "delta"); // already gone: nothing to do

        try (Connection admin = MigratedDatabase.connect("postgres", "postgres")) {
            assertThat(strings(admin, "select 1 from pg_roles where rolname = '" + role + "'")).isEmpty();
            assertThat(strings(admin, "select 1 from namespace_roles where role_name = '" + role + "'")).isEmpty();
        }
        assertThatThrownBy(() -> TenantLogins.connect("roles", "delta").close()).hasMessageContaining("does not exist");
    }

    @Test
    void aRoleOfTheReleaseBeforeIsDroppedWithItsSession() throws SQLException {
        String legacy = SessionRoles.roleName("roles-before", "echo");
        try (Connection admin = MigratedDatabase.connect("postgres", "postgres")) {
            Sql.execute(admin, "create role " + legacy + " login in role kubezap_session");
            Sql.execute(admin, "insert into session_roles (role_name, namespace, session) values ('" + legacy
                    + "', 'roles-before', 'echo')");
        }
        roles.drop("roles-before", "echo");
        try (Connection admin = MigratedDatabase.connect("postgres", "postgres")) {
            assertThat(strings(admin, "select 1 from pg_roles where rolname = '" + legacy + "'")).isEmpty();
            assertThat(strings(admin, "select 1 from session_roles where role_name = '" + legacy + "'")).isEmpty();
        }
    }

    @Test
    void anUnreachableDatabaseIsReportedAsSuch() {
        var nowhere = new SessionRoles(new AdminDatabase(() -> new AdminCredentials(
                "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2", "postgres", "x")));
        assertThatThrownBy(() -> TenantLogins.ensure(nowhere, "roles", "foxtrot"))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("cannot create the database role of namespace roles");
    }
}
