package io.kubezap.session.pool;

import io.kubezap.session.config.DatabaseSettings;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The pod's connection pool as application.properties configures it, against a real PostgreSQL: what a database
 * administrator sees of an idle session (no connection), the bound on a session's connections, and the pool's end.
 */
class ConnectionPoolTest {

    /** What the pools' connections call themselves, to tell them from the test's own. */
    private static final String APPLICATION = "connection-pool-test";

    private static EmbeddedPostgres postgres;
    /** Outside the pool, to see what the server sees. */
    private static DataSource server;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        server = postgres.getPostgresDatabase();
    }

    @BeforeEach
    void previousPoolsHaveEnded() {
        await().atMost(Duration.ofSeconds(10)).until(ConnectionPoolTest::connectionsOfThePool, count -> count == 0);
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Test
    void thePodsPoolStartsEmptyHoldsThreeAtMostAndGivesBackWhatIsIdleForAMinute() throws SQLException {
        var configuration = ConnectionPool.configuration(settings(Map.of())).get().connectionPoolConfiguration();

        assertThat(configuration.initialSize()).isZero();
        assertThat(configuration.minSize()).isZero();
        assertThat(configuration.maxSize()).isEqualTo(3);
        assertThat(configuration.reapTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(configuration.acquisitionTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(configuration.transactionIntegration().getClass().getName()).doesNotContain("arayana");
        try (var pool = pool(Map.of())) {
            assertThat(connectionsOfThePool()).as("connections before any use").isZero();
        }
    }

    @Test
    void anIdleSessionHoldsNoConnectionOnceTheIdleTimeoutHasPassed() throws SQLException {
        try (var pool = pool(Map.of("KUBEZAP_DATABASE_IDLE_TIMEOUT", "1s"))) {
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("select 1");
            }
            assertThat(connectionsOfThePool()).as("the returned connection, kept for the next caller").isOne();

            await().atMost(Duration.ofSeconds(10)).until(ConnectionPoolTest::connectionsOfThePool, count -> count == 0);
        }
    }

    @Test
    void behindAPoolerASessionKeepsOneConnectionHoweverLongIdle() throws SQLException {
        try (var pool = pool(Map.of("KUBEZAP_DATABASE_IDLE_TIMEOUT", "1s", "KUBEZAP_DATABASE_POOL_MIN", "1"))) {
            try (Connection first = pool.getConnection(); Connection second = pool.getConnection()) {
                assertThat(first.isValid(1) && second.isValid(1)).isTrue();
            }

            await().atMost(Duration.ofSeconds(10)).until(ConnectionPoolTest::connectionsOfThePool, count -> count == 1);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(ConnectionPoolTest::connectionsOfThePool, count -> count == 1);
        }
    }

    @Test
    void aSessionOpensNoMoreThanKubezapDatabasePoolMaxConnections() throws SQLException {
        try (var pool = pool(Map.of("KUBEZAP_DATABASE_POOL_MAX", "2", "quarkus.datasource.jdbc.acquisition-timeout", "1s"))) {
            List<Connection> held = new ArrayList<>();
            try {
                held.add(pool.getConnection());
                held.add(pool.getConnection());

                assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class)
                        .hasMessageContaining("acquisition timeout");
                assertThat(connectionsOfThePool()).isEqualTo(2);
            } finally {
                for (Connection connection : held) {
                    connection.close();
                }
            }
        }
    }

    @Test
    void closingThePoolClosesItsConnections() throws SQLException {
        var pool = pool(Map.of());
        try (Connection connection = pool.getConnection()) {
            assertThat(connection.isValid(1)).isTrue();
        }
        assertThat(connectionsOfThePool()).isOne();

        new ConnectionPool().close(pool);

        await().atMost(Duration.ofSeconds(10)).until(ConnectionPoolTest::connectionsOfThePool, count -> count == 0);
        assertThatThrownBy(pool::getConnection).isInstanceOf(SQLException.class);
    }

    @Test
    void withoutAUrlThePoolNamesTheSettingItNeeds() {
        var withoutUrl = Map.of("QUARKUS_DATASOURCE_JDBC_URL", "");

        assertThatThrownBy(() -> ConnectionPool.open(settings(withoutUrl)))
                .hasMessageContaining("QUARKUS_DATASOURCE_JDBC_URL");
    }

    @Test
    void aQuarkusPoolSettingOfTheExtensionStillApplies() {
        var settings = settings(Map.of("QUARKUS_DATASOURCE_JDBC_MAX_SIZE", "5", "KUBEZAP_DATABASE_POOL_MAX", "2",
                "QUARKUS_DATASOURCE_JDBC_MAX_LIFETIME", "10m"));

        assertThat(settings.maxSize()).isEqualTo(5);
        assertThat(settings.maxLifetime()).contains(Duration.ofMinutes(10));
    }

    private static AgroalDataSource pool(Map<String, String> overrides) throws SQLException {
        return ConnectionPool.open(settings(overrides));
    }

    /** application.properties as the pod reads it, the database's login as the operator sets it (environment), then {@code overrides}. */
    private static PoolSettings settings(Map<String, String> overrides) {
        var login = new HashMap<String, String>();
        login.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?ApplicationName="
                + APPLICATION);
        login.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        login.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        login.putAll(overrides);
        try {
            var config = new SmallRyeConfigBuilder()
                    .addDefaultInterceptors()
                    .withConverter(Duration.class, 200, new DurationConverter())
                    .withSources(new PropertiesConfigSource(ConnectionPoolTest.class.getResource("/application.properties"), 250))
                    .withSources(new EnvConfigSource(login, 400))
                    .withMapping(DatabaseSettings.class, "kubezap.database")
                    .build();
            return PoolSettings.of(config, config.getConfigMapping(DatabaseSettings.class, "kubezap.database"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server's connections from the pools of this test class. */
    private static int connectionsOfThePool() throws SQLException {
        try (Connection connection = server.getConnection(); Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("select count(*) from pg_stat_activity where application_name = '"
                     + APPLICATION + "'")) {
            count.next();
            return count.getInt(1);
        }
    }
}
