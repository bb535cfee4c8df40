package io.kubezap.schema;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 82: the migration Job lets the shared server role log in while the chart's PgBouncer uses it and takes that
 * back when it does not (KUBEZAP_POOLED_SERVER_LOGIN), on a real PostgreSQL whose pg_hba trusts every local login, so
 * only the role's LOGIN decides.
 */
class PooledServerLoginTest {

    private static EmbeddedPostgres server;

    @BeforeAll
    static void start() throws IOException {
        server = EmbeddedPostgres.builder().start();
        Flyway.configure().dataSource(url(), "postgres", "postgres")
                .locations("classpath:" + SessionSchema.MIGRATIONS).load().migrate();
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Test
    void theRoleLogsInOnlyWhileTheMigrationJobIsToldSo() throws SQLException {
        assertThatThrownBy(PooledServerLoginTest::loginAsTheRole).as("as the migrations make it")
                .hasMessageContaining("not permitted to log in");

        setLogin(true);
        try (Connection pooled = loginAsTheRole(); var result = pooled.createStatement().executeQuery("select session_user")) {
            result.next();
            assertThat(result.getString(1)).isEqualTo(SessionSchema.POOLED_SERVER_ROLE);
        }

        setLogin(false);
        assertThatThrownBy(PooledServerLoginTest::loginAsTheRole).hasMessageContaining("not permitted to log in");
    }

    private static void setLogin(boolean login) throws SQLException {
        try (Connection admin = DriverManager.getConnection(url(), "postgres", "postgres")) {
            PooledServerLogin.set(admin, login);
        }
    }

    private static Connection loginAsTheRole() throws SQLException {
        return DriverManager.getConnection(url(), SessionSchema.POOLED_SERVER_ROLE, "");
    }

    private static String url() {
        return "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
    }
}
