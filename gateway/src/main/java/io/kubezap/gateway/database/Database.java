package io.kubezap.gateway.database;

import io.agroal.api.AgroalDataSource;
import io.kubezap.gateway.problem.GatewayException;
import io.kubezap.schema.SessionSchema;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * The database the session pods write, read by the gateway as role {@value SessionSchema#GATEWAY_ROLE} (row-level security
 * lets it read events, messages and webhook deliveries of every session, and write nothing). Optional: without a
 * configured datasource, the live feed and the stats answer 503 and everything else works.
 */
@ApplicationScoped
public class Database {

    private final InjectableInstance<AgroalDataSource> pool;
    private final Optional<String> url;
    private final Optional<String> username;
    private final Optional<String> password;
    private final String connectionSetup;

    Database(InjectableInstance<AgroalDataSource> pool,
             @ConfigProperty(name = "quarkus.datasource.jdbc.url") Optional<String> url,
             @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
             @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
             @ConfigProperty(name = "quarkus.datasource.jdbc.new-connection-sql") String connectionSetup) {
        this.pool = pool;
        this.url = url;
        this.username = username;
        this.password = password;
        this.connectionSetup = connectionSetup;
    }

    public boolean configured() {
        return url.isPresent() && !pool.listActive().isEmpty();
    }

    /** 503 when the gateway has no database: the live feed and the stats need it. */
    public void requireConfigured() {
        if (!configured()) {
            throw new GatewayException(503, "no-database", "No database",
                    "the live feed and the stats need the gateway's database (chart value gateway.database.enabled)");
        }
    }

    /** A pooled connection, or 503 when the gateway has no database. */
    public Connection connect() throws SQLException {
        requireConfigured();
        return pool.getActive().getConnection();
    }

    /** What the listening connection is called in pg_stat_activity. */
    public static final String LISTENER_NAME = "kubezap-gateway-feed";

    /** A connection of its own, outside the pool, held for as long as the caller listens for notifications. */
    public Connection listenerConnection() throws SQLException {
        Properties login = new Properties();
        username.ifPresent(user -> login.setProperty("user", user));
        password.ifPresent(secret -> login.setProperty("password", secret));
        login.setProperty("ApplicationName", LISTENER_NAME);
        Connection connection = DriverManager.getConnection(url.orElseThrow(), login);
        try (Statement statement = connection.createStatement()) {
            statement.execute(connectionSetup);
        }
        return connection;
    }
}
