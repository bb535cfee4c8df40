package io.kubezap.session.db;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.kubezap.contract.PairingMethod;
import io.kubezap.session.config.SessionSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A session that keeps its client connection between transactions (the pooled identity, through PgBouncer) finds it
 * dead after the pooler or the server restarted. Its next piece of work must not fail for that: the connection dies at
 * the transaction's first statement, presenting the token, before anything was done, so the work runs again once on a
 * fresh connection. A database that is really out of reach still fails the work, as before.
 */
class StaleConnectionTest {

    private static final String APPLICATION = "stale-connection-test";
    private static final SessionSettings SESSION = new SessionSettings("loja-01", "default", "0123456789abcdef0",
            Path.of("data"), PairingMethod.QR, Optional.empty(), 30, Optional.empty(), false);

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Test
    void aSessionsWorkAfterItsKeptConnectionWasEndedByTheServerIsDoneOnAFreshOne() throws SQLException {
        try (AgroalDataSource pool = pool()) {
            var db = new SessionDb(pool, SESSION, "the-session-token");
            int before = db.read(handle -> backendPid(handle));

            terminateThePoolsConnections();
            int answered = db.inTransaction(handle -> handle.createQuery("select 41 + 1").mapTo(Integer.class).one());

            assertThat(answered).isEqualTo(42);
            assertThat(db.read(StaleConnectionTest::backendPid)).as("a new server connection").isNotEqualTo(before);
        }
    }

    @Test
    void aDatabaseOutOfReachStillFailsTheWork() throws SQLException {
        try (AgroalDataSource pool = pool()) {
            var db = new SessionDb(pool, SESSION, "the-session-token");
            db.read(StaleConnectionTest::backendPid);

            refuseNewConnections(true);
            try {
                terminateThePoolsConnections();
                assertThatThrownBy(() -> db.inTransaction(StaleConnectionTest::backendPid))
                        .isInstanceOf(DatabaseException.class);
            } finally {
                refuseNewConnections(false);
            }
        }
    }

    private static int backendPid(Handle handle) {
        return handle.createQuery("select pg_backend_pid()").mapTo(Integer.class).one();
    }

    private static AgroalDataSource pool() throws SQLException {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier().connectionPoolConfiguration(pool -> pool
                .maxSize(1)
                .exceptionSorter(new PostgreSQLExceptionSorter())
                .connectionFactoryConfiguration(factory -> factory
                        .jdbcUrl("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?ApplicationName=" + APPLICATION)
                        .principal(new NamePrincipal("postgres"))
                        .credential(new SimplePassword("postgres")))));
    }

    private static void terminateThePoolsConnections() throws SQLException {
        admin("select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = '" + APPLICATION + "'");
        admin("select pg_sleep(0.2)");
    }

    /** As a server still starting or failing over: new logins of the pool refused (its database not allowing connections). */
    private static void refuseNewConnections(boolean refuse) throws SQLException {
        admin("update pg_database set datallowconn = " + !refuse + " where datname = 'postgres'");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = postgres.getDatabase("postgres", "template1").getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
