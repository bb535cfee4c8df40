package io.kubezap.operator.security;

import io.kubezap.operator.database.AdminDatabase;
import io.kubezap.operator.database.MigratedDatabase;
import io.kubezap.operator.database.SessionConnectionGuard;
import io.kubezap.operator.database.NamespaceRoles;
import io.kubezap.operator.database.SessionRoles;
import io.kubezap.operator.database.TenantLogins;
import io.kubezap.operator.database.Sql;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Issue 35, item 4: a tenant logged in to the shared PostgreSQL with its session's own role (the credentials are in
 * its namespace) tries to take the database down for every other tenant: too many connections, a lock on a shared
 * table held in an open transaction, a statement that never ends, temporary objects. Against the real PostgreSQL.
 */
class SharedDatabaseAbuseTest {

    private static final AdminDatabase ADMIN = new AdminDatabase(MigratedDatabase::admin);
    private static final SessionRoles ROLES = new SessionRoles(ADMIN);
    private static final SessionConnectionGuard GUARD = new SessionConnectionGuard(ADMIN);

    @BeforeAll
    static void twoTenants() {
        TenantLogins.ensure(ROLES, "abuse", "attacker");
        TenantLogins.ensure(ROLES, "abuse-victim", "victim");
    }

    @Test
    void aSessionRoleCannotOpenMoreThanItsConnectionLimit() throws SQLException {
        List<Connection> opened = new ArrayList<>();
        try {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 100; i++) {
                    opened.add(attacker());
                }
            }).hasMessageContaining("too many connections for role");
            assertThat(opened).hasSize(ROLES.connectionsPerSession());
            try (Connection victim = victim()) {
                assertThat(victim.isValid(2)).isTrue();
            }
        } finally {
            for (Connection connection : opened) {
                connection.close();
            }
            // a closed connection's server process ends a moment later; the next test logs in as the same role
            await().atMost(Duration.ofSeconds(10)).until(() -> backends(NamespaceRoles.roleName("abuse")).isEmpty());
        }
    }

    @Test
    void aSessionRoleStartsWithTimeoutsOnEveryStatementLockAndIdleTransaction() throws SQLException {
        try (Connection attacker = attacker(); Statement statement = attacker.createStatement()) {
            assertThat(setting(statement, "statement_timeout")).isEqualTo(SessionRoles.STATEMENT_TIMEOUT);
            assertThat(setting(statement, "lock_timeout")).isEqualTo(SessionRoles.LOCK_TIMEOUT);
            assertThat(setting(statement, "idle_in_transaction_session_timeout")).isEqualTo(SessionRoles.IDLE_IN_TRANSACTION_TIMEOUT);
        }
    }

    @Test
    void aTableLockHeldByATenantIsBrokenSoOthersWriteAgain() throws SQLException {
        try (Connection attacker = attacker(); Statement statement = attacker.createStatement()) {
            statement.execute("set lock_timeout = 0");
            statement.execute("set idle_in_transaction_session_timeout = 0");
            attacker.setAutoCommit(false);
            statement.execute("lock table messages in access exclusive mode");

            assertThat(GUARD.enforce()).as("backends ended").isEqualTo(1);

            try (Connection victim = victim(); Statement write = victim.createStatement()) {
                write.execute("set lock_timeout = '5s'");
                assertThat(write.executeUpdate("update messages set text = text where false")).isZero();
            }
            assertThat(attacker.isValid(2)).as("the attacker's connection was ended").isFalse();
        }
    }

    @Test
    void aTenantThatTurnsItsTimeoutsOffIsEndedAllTheSame() throws Exception {
        try (Connection attacker = attacker(); Statement statement = attacker.createStatement()) {
            statement.execute("set idle_in_transaction_session_timeout = 0");
            attacker.setAutoCommit(false);
            statement.execute("select count(*) from messages");
            Thread.sleep(150);
            assertThat(new SessionConnectionGuard(ADMIN, Duration.ofMillis(50), Duration.ofMillis(50)).enforce())
                    .isEqualTo(1);
            assertThat(attacker.isValid(2)).isFalse();
        }
    }

    @Test
    void aSessionRoleCannotCreateTemporaryObjects() throws SQLException {
        try (Connection attacker = attacker(); Statement statement = attacker.createStatement()) {
            assertThatThrownBy(() -> statement.execute("create temporary table junk (x text)"))
                    .hasMessageContaining("permission denied");
        }
    }

    private static List<String> backends(String role) throws SQLException {
        try (Connection admin = MigratedDatabase.connect("postgres", "postgres")) {
            return Sql.strings(admin, "select pid from pg_stat_activity where usename = '" + role + "'");
        }
    }

    private static String setting(Statement statement, String name) throws SQLException {
        try (var row = statement.executeQuery("show " + name)) {
            row.next();
            return row.getString(1);
        }
    }

    private static Connection attacker() throws SQLException {
        return TenantLogins.connect("abuse", "attacker");
    }

    private static Connection victim() throws SQLException {
        return TenantLogins.connect("abuse-victim", "victim");
    }
}
