package io.kubezap.operator.security;

import io.kubezap.operator.database.AdminDatabase;
import io.kubezap.operator.database.MigratedDatabase;
import io.kubezap.operator.database.NamespaceRoles;
import io.kubezap.operator.database.SessionConnectionGuard;
import io.kubezap.operator.database.Sql;
import io.kubezap.schema.SessionSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import static io.kubezap.operator.database.TokenTransactions.inTransaction;
import static io.kubezap.operator.database.TokenTransactions.insert;
import static io.kubezap.operator.database.TokenTransactions.present;
import static io.kubezap.operator.database.TokenTransactions.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 82 (docs/decisions/0020): behind a pooler every namespace's transactions run on server connections logged in
 * as one role, {@value SessionSchema#POOLED_SERVER_ROLE}, and the token alone names the session. Attacks by a tenant
 * whose transactions reach such a connection, on the real schema: no token, a forged one, the token of the transaction
 * before on the same connection, a token left for the whole connection, and RESET/DISCARD games.
 */
class PooledServerRoleAttackTest {

    private static final String POOLER_PASSWORD = "pooler-password";
    private static final AdminDatabase ADMIN = new AdminDatabase(MigratedDatabase::admin);
    private static final NamespaceRoles ROLES = new NamespaceRoles(ADMIN);
    private static final String SHOP = NamespaceRoles.newToken();
    private static final String MALL = NamespaceRoles.newToken();
    /** A session of mall's that only the tests which write after an attack write to. */
    private static final String WRITES = NamespaceRoles.newToken();

    @BeforeAll
    static void twoNamespacesWithAMessageEachAndThePoolersLogin() throws SQLException {
        try (Connection admin = MigratedDatabase.connect("postgres", "postgres")) {
            Sql.execute(admin, "alter role " + SessionSchema.POOLED_SERVER_ROLE + " login password '" + POOLER_PASSWORD + "'");
        }
        ROLES.ensure("pooled-shop", "shop-password", 8);
        ROLES.ensure("pooled-mall", "mall-password", 8);
        ROLES.ensureToken("pooled-shop", "alpha", SHOP);
        ROLES.ensureToken("pooled-mall", "alpha", MALL);
        ROLES.ensureToken("pooled-mall", "writes", WRITES);
        try (Connection server = pooled()) {
            insert(server, SHOP, "pooled-shop", "alpha");
            insert(server, MALL, "pooled-mall", "alpha");
        }
    }

    @Test
    void oneServerConnectionServesEachNamespacesTokenWithItsOwnRowsOnly() throws SQLException {
        try (Connection server = pooled()) {
            assertThat(read(server, SHOP)).containsExactly("pooled-shop/alpha: hello from pooled-shop/alpha");
            assertThat(read(server, MALL)).containsExactly("pooled-mall/alpha: hello from pooled-mall/alpha");
            assertThat(read(server, SHOP)).containsExactly("pooled-shop/alpha: hello from pooled-shop/alpha");
        }
    }

    @Test
    void noTokenAForgedOneOrATokensHashReadsNothingAndWritesNothing() throws SQLException {
        try (Connection server = pooled()) {
            assertThat(Sql.strings(server, "select text from messages")).isEmpty();
            assertThat(read(server, "")).isEmpty();
            assertThat(read(server, NamespaceRoles.newToken())).isEmpty();
            String hash = java.util.HexFormat.of().formatHex(io.kubezap.operator.database.PasswordFingerprint.of(SHOP));
            assertThat(read(server, hash)).isEmpty();
            assertThatThrownBy(() -> insert(server, null, "pooled-shop", "alpha")).hasMessageContaining("row-level security");
            assertThatThrownBy(() -> insert(server, SHOP, "pooled-mall", "alpha")).hasMessageContaining("row-level security");
            assertThatThrownBy(() -> insert(server, SHOP, "pooled-shop", "bravo")).hasMessageContaining("row-level security");
        }
    }

    /** Transaction pooling hands the connection on at commit or rollback: the token must end there. */
    @Test
    void theTokenOfTheTransactionBeforeIsGoneWhenItEnds() throws SQLException {
        try (Connection server = pooled()) {
            assertThat(read(server, SHOP)).hasSize(1);
            assertThat(read(server, null)).as("after a commit").isEmpty();
            assertThatThrownBy(() -> inTransaction(server, SHOP, () -> Sql.strings(server, "select 1/0")))
                    .hasMessageContaining("division by zero");
            assertThat(read(server, null)).as("after a rollback").isEmpty();
            present(server, SHOP, true);
            assertThat(Sql.strings(server, "select text from messages")).as("presented in a statement of its own").isEmpty();
        }
    }

    /**
     * A tenant may leave its token for the whole server connection (session-level {@code set_config}): the next
     * tenant's transaction presents its own, which counts, and session pooling's {@code DISCARD ALL} removes it.
     */
    @Test
    void aTokenLeftForTheWholeConnectionNamesOnlyItsOwnSessionAndDiscardAllEndsIt() throws SQLException {
        try (Connection server = pooled()) {
            present(server, MALL, false);
            assertThat(read(server, SHOP)).containsExactly("pooled-shop/alpha: hello from pooled-shop/alpha");
            assertThat(read(server, null)).containsExactly("pooled-mall/alpha: hello from pooled-mall/alpha");
            Sql.execute(server, "discard all");
            assertThat(read(server, null)).isEmpty();
        }
    }

    /** Whatever a tenant resets or discards inside its transaction, it keeps its own session's rows or loses them all. */
    @Test
    void resetAndRoleGamesInsideATransactionNeverReachAnotherSession() throws SQLException {
        try (Connection server = pooled()) {
            for (String game : new String[] {"reset all", "reset kubezap.token"}) {
                assertThat(inTransaction(server, SHOP, () -> {
                    Sql.execute(server, game);
                    return Sql.strings(server, "select text from messages");
                })).as(game).isEmpty();
            }
            for (String game : new String[] {"discard plans", "discard temp", "reset role", "reset session authorization"}) {
                assertThat(inTransaction(server, SHOP, () -> {
                    Sql.execute(server, game);
                    return Sql.strings(server, "select namespace || '/' || session from messages");
                })).as(game).containsExactly("pooled-shop/alpha");
            }
            assertThatThrownBy(() -> inTransaction(server, SHOP, () -> {
                Sql.execute(server, "discard all");
                return null;
            })).hasMessageContaining("DISCARD ALL cannot run inside a transaction block");
            for (String become : new String[] {"set role " + NamespaceRoles.roleName("pooled-mall"), "set role postgres",
                    "set session authorization " + NamespaceRoles.roleName("pooled-mall")}) {
                assertThatThrownBy(() -> Sql.execute(server, become)).as(become).hasMessageContaining("permission denied");
            }
        }
    }

    @Test
    void theServerRoleReadsNoTokenAndNoMapping() throws SQLException {
        try (Connection server = pooled()) {
            for (String table : new String[] {"session_tokens", "namespace_roles"}) {
                assertThatThrownBy(() -> Sql.strings(server, "select * from " + table)).hasMessageContaining("permission denied");
            }
        }
    }

    /**
     * A temporary table named as a schema table would take the next tenant's unqualified statements on the same server
     * connection (pg_temp is searched first): no kubezap login may make one (V50).
     */
    @Test
    void noTenantLeavesATemporaryTableForTheNextTenantsStatements() throws SQLException {
        try (Connection server = pooled()) {
            assertThatThrownBy(() -> Sql.execute(server, "create temp table messages (like public.messages)"))
                    .hasMessageContaining("permission denied to create temporary tables");
        }
    }

    @Test
    void aTokensSessionIsHeldToItsStorageQuotaAndTellsOfItsOwnStateOnly() throws SQLException {
        try (Connection admin = MigratedDatabase.connect("postgres", "postgres")) {
            Sql.execute(admin, "insert into session_storage (namespace, session, quota_bytes) values ('pooled-shop', 'quota', 1)"
                    + " on conflict (namespace, session) do update set quota_bytes = 1");
        }
        String quota = NamespaceRoles.newToken();
        ROLES.ensureToken("pooled-shop", "quota", quota);
        try (Connection server = pooled()) {
            assertThatThrownBy(() -> insert(server, quota, "pooled-shop", "quota")).hasMessageContaining("storage quota");
            assertThatThrownBy(() -> inTransaction(server, SHOP, () -> Sql.strings(server,
                    "select kubezap_notify_state_change('pooled-mall', 'alpha')")))
                    .hasMessageContaining("its own session's state changes only");
            assertThatThrownBy(() -> Sql.strings(server, "select kubezap_notify_state_change('pooled-shop', 'alpha')"))
                    .as("without a token").hasMessageContaining("its own session's state changes only");
            assertThat(inTransaction(server, SHOP, () -> Sql.strings(server,
                    "select kubezap_notify_state_change('pooled-shop', 'alpha')"))).hasSize(1);
        }
    }

    /**
     * A tenant holding a server connection of the pooler in a transaction (a table lock, the role's timeouts turned off)
     * would hold every namespace's writes: the operator's guard ends it as it ends a namespace role's.
     */
    @Test
    void aTenantHoldingAServerConnectionInALongTransactionIsEnded() throws SQLException {
        try (Connection server = pooled(); Statement statement = server.createStatement()) {
            statement.execute("set lock_timeout = 0");
            statement.execute("set idle_in_transaction_session_timeout = 0");
            server.setAutoCommit(false);
            statement.execute("lock table messages in access exclusive mode");

            assertThat(new SessionConnectionGuard(ADMIN).enforce()).as("backends ended").isEqualTo(1);

            assertThat(server.isValid(2)).as("the tenant's server connection was ended").isFalse();
            try (Connection next = pooled()) {
                insert(next, WRITES, "pooled-mall", "writes");
            }
        }
    }

    /**
     * Defaults a tenant sets on the role every namespace's server connections log in as (its own right in PostgreSQL)
     * are put back by the operator's guard, whatever the pooler in front does (record 0020).
     */
    @Test
    void defaultsATenantSetsOnThePooledRoleAreUndoneByTheOperator() throws SQLException {
        try (Connection server = pooled()) {
            Sql.execute(server, "alter role " + SessionSchema.POOLED_SERVER_ROLE + " set default_transaction_read_only = on");
            Sql.execute(server, "alter role " + SessionSchema.POOLED_SERVER_ROLE + " reset statement_timeout");
            Sql.execute(server, "alter role " + SessionSchema.POOLED_SERVER_ROLE + " in database postgres set work_mem = '2GB'");
        }
        new SessionConnectionGuard(ADMIN).enforce();
        try (Connection admin = MigratedDatabase.connect("postgres", "postgres")) {
            assertThat(Sql.strings(admin, "select kubezap_pooled_restore_defaults()"))
                    .as("a second pass, as after an operator restart, writes nothing").containsExactly("f");
        }
        try (Connection server = pooled()) {
            assertThat(Sql.strings(server, "select current_setting('default_transaction_read_only') || ' '"
                    + " || current_setting('statement_timeout') || ' ' || current_setting('work_mem')"))
                    .containsExactly("off 30s 4MB");
            insert(server, WRITES, "pooled-mall", "writes");
        }
    }

    /** As the pooler logs in to the server for any namespace's clients. */
    private static Connection pooled() throws SQLException {
        return MigratedDatabase.connect(SessionSchema.POOLED_SERVER_ROLE, POOLER_PASSWORD);
    }
}
