package io.kubezap.operator.security;

import io.kubezap.operator.database.AdminCredentials;
import io.kubezap.operator.database.AdminDatabase;
import io.kubezap.operator.database.MigratedDatabase;
import io.kubezap.operator.database.NamespaceRoles;
import io.kubezap.operator.database.PgBouncerProcess;
import io.kubezap.operator.database.ServerCertificates;
import io.kubezap.operator.database.Sql;
import io.kubezap.schema.SessionSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static io.kubezap.operator.database.TokenTransactions.inTransaction;
import static io.kubezap.operator.database.TokenTransactions.insert;
import static io.kubezap.operator.database.TokenTransactions.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 82 through a real PgBouncer in transaction mode (docs/decisions/0020): clients log in with their namespace's
 * password, the pooler logs in to the server as {@value SessionSchema#POOLED_SERVER_ROLE} for all of them, over one
 * server connection. A token presented through another namespace's login, and the token of the transaction before.
 */
class PooledThroughPgBouncerAttackTest {

    private static final String SHOP = NamespaceRoles.newToken();
    private static final String MALL = NamespaceRoles.newToken();
    private static AdminCredentials server;
    private static PgBouncerProcess bouncer;

    @BeforeAll
    static void twoNamespacesBehindOnePgBouncer(@TempDir Path directory) throws Exception {
        ServerCertificates certificates = ServerCertificates.make(directory, SessionSchema.POOLED_SERVER_ROLE);
        server = MigratedDatabase.certificateServer(directory, certificates);
        try (Connection admin = admin()) {
            Sql.execute(admin, "alter role " + SessionSchema.POOLED_SERVER_ROLE + " login");
        }
        NamespaceRoles roles = new NamespaceRoles(new AdminDatabase(() -> server));
        roles.ensure("bouncer-shop", "shop-password", 8);
        roles.ensure("bouncer-mall", "mall-password", 8);
        roles.ensureToken("bouncer-shop", "alpha", SHOP);
        roles.ensureToken("bouncer-mall", "alpha", MALL);
        bouncer = PgBouncerProcess.forcedServerUser(directory, server, SessionSchema.POOLED_SERVER_ROLE, certificates);
        try (Connection shop = client("bouncer-shop", "shop-password"); Connection mall = client("bouncer-mall", "mall-password")) {
            insert(shop, SHOP, "bouncer-shop", "alpha");
            insert(mall, MALL, "bouncer-mall", "alpha");
        }
    }

    @AfterAll
    static void stop() {
        if (bouncer != null) {
            bouncer.close();
        }
    }

    @Test
    void bothNamespacesShareOneServerConnectionWithoutALoginAndSeeTheirOwnRows() throws SQLException {
        try (Connection shop = client("bouncer-shop", "shop-password"); Connection mall = client("bouncer-mall", "mall-password")) {
            String shopServer = inTransaction(shop, SHOP, () -> Sql.strings(shop, "select pg_backend_pid() || ' ' || session_user")).get(0);
            String mallServer = inTransaction(mall, MALL, () -> Sql.strings(mall, "select pg_backend_pid() || ' ' || session_user")).get(0);
            assertThat(mallServer).isEqualTo(shopServer).endsWith(SessionSchema.POOLED_SERVER_ROLE);
            assertThat(read(shop, SHOP)).containsExactly("bouncer-shop/alpha: hello from bouncer-shop/alpha");
            assertThat(read(mall, MALL)).containsExactly("bouncer-mall/alpha: hello from bouncer-mall/alpha");
        }
    }

    @Test
    void theNamespacesPasswordStillGatesThePooler() {
        assertThatThrownBy(() -> client("bouncer-shop", "mall-password").close()).hasMessageContaining("authentication failed");
        assertThatThrownBy(() -> client(SessionSchema.POOLED_SERVER_ROLE, "guess").close()).isInstanceOf(SQLException.class);
    }

    /** The token is the session's bearer credential (record 0020): through mall's login it is shop's session, no more. */
    @Test
    void aTokenPresentedThroughAnotherNamespacesLoginNamesItsOwnSessionOnly() throws SQLException {
        try (Connection mall = client("bouncer-mall", "mall-password")) {
            assertThat(read(mall, SHOP)).containsExactly("bouncer-shop/alpha: hello from bouncer-shop/alpha");
            assertThatThrownBy(() -> insert(mall, SHOP, "bouncer-mall", "alpha")).hasMessageContaining("row-level security");
        }
    }

    @Test
    void theNextNamespacesTransactionOnTheServerConnectionFindsNoTokenLeft() throws SQLException {
        try (Connection shop = client("bouncer-shop", "shop-password"); Connection mall = client("bouncer-mall", "mall-password")) {
            assertThat(read(shop, SHOP)).hasSize(1);
            assertThat(read(mall, null)).as("after shop's commit").isEmpty();
            assertThatThrownBy(() -> inTransaction(shop, SHOP, () -> Sql.strings(shop, "select 1/0")))
                    .hasMessageContaining("division by zero");
            assertThat(read(mall, null)).as("after shop's rollback").isEmpty();
        }
    }

    /**
     * A setting a tenant leaves on the server connection (a session-level {@code SET}) would reach the next namespace's
     * transactions on it: the pooler resets the connection after every transaction (record 0020).
     */
    @Test
    void aSettingLeftOnTheServerConnectionDoesNotReachTheNextNamespace() throws SQLException {
        try (Connection shop = client("bouncer-shop", "shop-password"); Connection mall = client("bouncer-mall", "mall-password")) {
            Sql.execute(shop, "set default_transaction_read_only = on");
            Sql.execute(shop, "set statement_timeout = 0");
            insert(mall, MALL, "bouncer-mall", "alpha");
            assertThat(Sql.strings(mall, "show statement_timeout")).containsExactly("30s");
        }
    }

    /**
     * PostgreSQL lets any login role set its own password, and tenants' SQL runs as the pooler's server role: a
     * password a tenant chooses must neither lock the pooler out of the server nor open the pooler to a login as that
     * role (record 0020: the pooler logs in by certificate, and {@code auth_query} never answers for the role).
     */
    @Test
    void aPasswordATenantSetsOnThePooledRoleLocksNoOneOutAndOpensNoLogin() throws SQLException {
        try (Connection shop = client("bouncer-shop", "shop-password")) {
            Sql.execute(shop, "alter role " + SessionSchema.POOLED_SERVER_ROLE + " password 'tenant-chosen'");
        }
        bouncer.endServerConnections(SessionSchema.POOLED_SERVER_ROLE);
        try (Connection mall = client("bouncer-mall", "mall-password")) {
            assertThat(read(mall, MALL)).isNotEmpty().allMatch(row -> row.equals("bouncer-mall/alpha: hello from bouncer-mall/alpha"));
        }
        assertThatThrownBy(() -> client(SessionSchema.POOLED_SERVER_ROLE, "tenant-chosen").close()).isInstanceOf(SQLException.class);
    }

    /**
     * Defaults a tenant sets on the pooler's server role ({@code ALTER ROLE … SET}, its own right) would start every
     * later server connection with them, for every namespace: none may serve a transaction, and they are undone.
     */
    @Test
    void defaultsATenantSetsOnThePooledRoleReachNoOtherNamespace() throws SQLException {
        try (Connection shop = client("bouncer-shop", "shop-password")) {
            Sql.execute(shop, "alter role " + SessionSchema.POOLED_SERVER_ROLE + " set default_transaction_read_only = on");
            Sql.execute(shop, "alter role " + SessionSchema.POOLED_SERVER_ROLE + " set statement_timeout = '1ms'");
            Sql.execute(shop, "alter role " + SessionSchema.POOLED_SERVER_ROLE + " set role = kubezap_session");
            Sql.execute(shop, "alter role " + SessionSchema.POOLED_SERVER_ROLE + " in database postgres set search_path = nowhere");
        }
        bouncer.endServerConnections(SessionSchema.POOLED_SERVER_ROLE);
        try (Connection mall = client("bouncer-mall", "mall-password")) {
            insert(mall, MALL, "bouncer-mall", "alpha");
            assertThat(Sql.strings(mall, "select current_setting('default_transaction_read_only') || ' '"
                    + " || current_setting('statement_timeout') || ' ' || current_user || ' ' || current_setting('search_path')"))
                    .containsExactly("off 30s kubezap_pooled \"$user\", public");
        }
        try (Connection admin = admin()) {
            assertThat(Sql.strings(admin, "select array_to_string(setconfig, ',') from pg_db_role_setting"
                    + " where setrole = '" + SessionSchema.POOLED_SERVER_ROLE + "'::regrole"))
                    .containsExactly("idle_in_transaction_session_timeout=1min,lock_timeout=10s,statement_timeout=30s");
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password());
    }

    private static Connection client(String namespace, String password) throws SQLException {
        String user = namespace.startsWith("kubezap_") ? namespace : NamespaceRoles.roleName(namespace);
        return DriverManager.getConnection(bouncer.jdbcUrl(), user, password);
    }
}
