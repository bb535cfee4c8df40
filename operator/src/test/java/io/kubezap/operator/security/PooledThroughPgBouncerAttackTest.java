package io.kubezap.operator.security;

import io.kubezap.operator.database.AdminDatabase;
import io.kubezap.operator.database.MigratedDatabase;
import io.kubezap.operator.database.NamespaceRoles;
import io.kubezap.operator.database.PgBouncerProcess;
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

    private static final String POOLER_PASSWORD = "bouncer-pooler-password";
    private static final NamespaceRoles ROLES = new NamespaceRoles(new AdminDatabase(MigratedDatabase::admin));
    private static final String SHOP = NamespaceRoles.newToken();
    private static final String MALL = NamespaceRoles.newToken();
    private static PgBouncerProcess bouncer;

    @BeforeAll
    static void twoNamespacesBehindOnePgBouncer(@TempDir Path directory) throws Exception {
        try (Connection admin = MigratedDatabase.connect("postgres", "postgres")) {
            Sql.execute(admin, "alter role " + SessionSchema.POOLED_SERVER_ROLE + " login password '" + POOLER_PASSWORD + "'");
        }
        ROLES.ensure("bouncer-shop", "shop-password", 8);
        ROLES.ensure("bouncer-mall", "mall-password", 8);
        ROLES.ensureToken("bouncer-shop", "alpha", SHOP);
        ROLES.ensureToken("bouncer-mall", "alpha", MALL);
        bouncer = PgBouncerProcess.forcedServerUser(directory, SessionSchema.POOLED_SERVER_ROLE, POOLER_PASSWORD);
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

    private static Connection client(String namespace, String password) throws SQLException {
        String user = namespace.startsWith("kubezap_") ? namespace : NamespaceRoles.roleName(namespace);
        return DriverManager.getConnection(bouncer.jdbcUrl(), user, password);
    }
}
