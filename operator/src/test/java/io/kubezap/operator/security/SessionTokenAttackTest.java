package io.kubezap.operator.security;

import io.kubezap.operator.database.AdminCredentials;
import io.kubezap.operator.database.AdminDatabase;
import io.kubezap.operator.database.MigratedDatabase;
import io.kubezap.operator.database.NamespaceRoles;
import io.kubezap.operator.database.Sql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.kubezap.operator.database.Sql.strings;
import static io.kubezap.operator.database.TokenTransactions.inTransaction;
import static io.kubezap.operator.database.TokenTransactions.insert;
import static io.kubezap.operator.database.TokenTransactions.present;
import static io.kubezap.operator.database.TokenTransactions.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 71, item 2: sessions log in with their namespace's role and name themselves per transaction with a token
 * (docs/decisions/0017). Attacks by a tenant holding its namespace's credentials and its own session's token, on the
 * real schema: another namespace's or another session's identity, no identity, forged rows, and reading the token
 * where the server shows or logs statements.
 */
class SessionTokenAttackTest {

    private static final String PASSWORD = "shop-password";
    private static final NamespaceRoles ROLES = new NamespaceRoles(new AdminDatabase(MigratedDatabase::admin));
    private static final String ALPHA = NamespaceRoles.newToken();
    private static final String BRAVO = NamespaceRoles.newToken();
    private static final String MALL_ALPHA = NamespaceRoles.newToken();

    @BeforeAll
    static void twoNamespacesWithSessionsAndAMessageEach() throws SQLException {
        ROLES.ensure("token-shop", PASSWORD, 8);
        ROLES.ensure("token-mall", "mall-password", 8);
        ROLES.ensure("token-shop", PASSWORD, 8);
        ROLES.ensureToken("token-shop", "alpha", ALPHA);
        ROLES.ensureToken("token-shop", "bravo", BRAVO);
        ROLES.ensureToken("token-mall", "alpha", MALL_ALPHA);
        insertOwnMessage("token-shop", PASSWORD, ALPHA, "alpha");
        insertOwnMessage("token-shop", PASSWORD, BRAVO, "bravo");
        insertOwnMessage("token-mall", "mall-password", MALL_ALPHA, "alpha");
    }

    @Test
    void eachTokenReadsItsOwnSessionsRowsOnly() throws SQLException {
        try (Connection shop = login("token-shop", PASSWORD)) {
            assertThat(read(shop, ALPHA)).containsExactly("token-shop/alpha: hello from token-shop/alpha");
            assertThat(read(shop, BRAVO)).containsExactly("token-shop/bravo: hello from token-shop/bravo");
        }
    }

    @Test
    void anotherNamespacesTokenReadsNothing() throws SQLException {
        try (Connection shop = login("token-shop", PASSWORD); Connection mall = login("token-mall", "mall-password")) {
            assertThat(read(shop, MALL_ALPHA)).as("mall's token presented by shop's role").isEmpty();
            assertThat(read(mall, ALPHA)).as("shop's token presented by mall's role").isEmpty();
        }
    }

    @Test
    void anotherSessionsRowsAreReadOnlyWithThatSessionsToken() throws SQLException {
        try (Connection shop = login("token-shop", PASSWORD)) {
            assertThat(readWhere(shop, ALPHA, "session = 'bravo'")).isEmpty();
            assertThat(update(shop, ALPHA, "update messages set text = 'pwned' where session = 'bravo'")).isZero();
            assertThat(update(shop, ALPHA, "delete from messages where session = 'bravo'")).isZero();
            assertThat(read(shop, BRAVO)).containsExactly("token-shop/bravo: hello from token-shop/bravo");
        }
    }

    @Test
    void noTokenOrAForgedOneReadsNothing() throws SQLException {
        try (Connection shop = login("token-shop", PASSWORD)) {
            assertThat(strings(shop, "select text from messages")).isEmpty();
            assertThat(read(shop, "")).isEmpty();
            assertThat(read(shop, NamespaceRoles.newToken())).isEmpty();
            // the hash itself is no token
            String hash = java.util.HexFormat.of().formatHex(io.kubezap.operator.database.PasswordFingerprint.of(ALPHA));
            assertThat(read(shop, hash)).isEmpty();
        }
    }

    @Test
    void insertsForAnotherSessionOrWithoutATokenAreRefused() throws SQLException {
        try (Connection shop = login("token-shop", PASSWORD)) {
            assertThatThrownBy(() -> insert(shop, ALPHA, "token-shop", "bravo")).hasMessageContaining("row-level security");
            assertThatThrownBy(() -> insert(shop, ALPHA, "token-mall", "alpha")).hasMessageContaining("row-level security");
            assertThatThrownBy(() -> insert(shop, MALL_ALPHA, "token-mall", "alpha")).hasMessageContaining("row-level security");
            assertThatThrownBy(() -> insert(shop, null, "token-shop", "alpha")).hasMessageContaining("row-level security");
            assertThatThrownBy(() -> update(shop, ALPHA, "update messages set session = 'bravo'"))
                    .hasMessageContaining("row-level security");
        }
    }

    @Test
    void noTenantReadsTheTokensOrChangesTheirMapping() throws SQLException {
        try (Connection shop = login("token-shop", PASSWORD)) {
            for (String table : List.of("session_tokens", "namespace_roles")) {
                assertThatThrownBy(() -> strings(shop, "select * from " + table)).hasMessageContaining("permission denied");
                assertThatThrownBy(() -> Sql.execute(shop, "insert into " + table + " default values"))
                        .hasMessageContaining("permission denied");
            }
            assertThatThrownBy(() -> Sql.execute(shop, "set role kubezap_n_0000000000000000000000000000000000000000"))
                    .hasMessageContaining("role");
        }
    }

    @Test
    void aTokensSessionIsHeldToItsStorageQuotaAndTellsOfItsOwnStateOnly() throws SQLException {
        try (Connection admin = MigratedDatabase.connect("postgres", "postgres")) {
            Sql.execute(admin, "insert into session_storage (namespace, session, quota_bytes) values ('token-shop', 'quota', 1)"
                    + " on conflict (namespace, session) do update set quota_bytes = 1");
        }
        String quota = NamespaceRoles.newToken();
        ROLES.ensureToken("token-shop", "quota", quota);
        try (Connection shop = login("token-shop", PASSWORD)) {
            assertThatThrownBy(() -> insert(shop, quota, "token-shop", "quota")).hasMessageContaining("storage quota");
            assertThatThrownBy(() -> inTransaction(shop, ALPHA, () -> strings(shop,
                    "select kubezap_notify_state_change('token-shop', 'bravo')")))
                    .hasMessageContaining("its own session's state changes only");
            assertThat(inTransaction(shop, ALPHA, () -> strings(shop,
                    "select kubezap_notify_state_change('token-shop', 'alpha')"))).hasSize(1);
        }
    }

    /**
     * The token in a statement's text would be in pg_stat_activity (every role sees its own; a monitoring role all) and
     * in the server log with log_statement=all; as a bind parameter it is in neither, the role's
     * log_parameter_max_length=0 keeping it out of the log's parameter details.
     */
    @Test
    void theTokenIsNeverInTheServerLogOrInPgStatActivity(@TempDir Path logs) throws SQLException, IOException {
        AdminCredentials server = MigratedDatabase.separateServer(Map.of(
                "logging_collector", "on", "log_directory", logs.toString(), "log_filename", "postgresql.log",
                "log_statement", "all", "log_min_duration_statement", "0"));
        NamespaceRoles roles = new NamespaceRoles(new AdminDatabase(() -> server));
        roles.ensure("token-shop", PASSWORD, 8);
        String token = NamespaceRoles.newToken();
        roles.ensureToken("token-shop", "alpha", token);

        List<String> activity;
        try (Connection pod = DriverManager.getConnection(server.jdbcUrl(), NamespaceRoles.roleName("token-shop"), PASSWORD);
             Connection admin = DriverManager.getConnection(server.jdbcUrl(), server.username(), server.password())) {
            pod.setAutoCommit(false);
            present(pod, token, true);
            Sql.insertMessage(pod, "token-shop", "alpha", "logged", "in a transaction with the token");
            activity = strings(admin, "select coalesce(query, '') from pg_stat_activity");
            assertThat(strings(admin, "select count(*) from pg_stat_activity where state = 'idle in transaction'"
                    + " and usename = '" + NamespaceRoles.roleName("token-shop") + "'")).containsExactly("1");
            pod.commit();
        }
        assertThat(activity).anySatisfy(query -> assertThat(query).contains("insert into messages"))
                .noneSatisfy(query -> assertThat(query).contains(token));

        String log = serverLog(logs);
        assertThat(log).as("log_statement=all logged the statement").contains("set_config('kubezap.token', $1, true)");
        assertThat(log).doesNotContain(token);
    }

    private static String serverLog(Path logs) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(logs)) {
            for (Path file : files.toList()) {
                all.append(Files.readString(file));
            }
        }
        return all.toString();
    }

    private static void insertOwnMessage(String namespace, String password, String token, String session) throws SQLException {
        try (Connection own = login(namespace, password)) {
            insert(own, token, namespace, session);
        }
    }

    private static List<String> readWhere(Connection connection, String token, String condition) throws SQLException {
        return inTransaction(connection, token, () -> strings(connection,
                "select namespace || '/' || session || ': ' || text from messages where " + condition));
    }

    private static int update(Connection connection, String token, String sql) throws SQLException {
        return inTransaction(connection, token, () -> Sql.update(connection, sql));
    }

    private static Connection login(String namespace, String password) throws SQLException {
        return MigratedDatabase.connect(NamespaceRoles.roleName(namespace), password);
    }
}
