package io.kubezap.session.schema;

import io.kubezap.schema.GatewayLogin;
import io.kubezap.schema.PooledServerLogin;
import io.kubezap.schema.SessionSchema;
import io.kubezap.session.config.SessionConfig;
import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * {@code kubezap-session-pod migrate}: applies this image's migrations with the admin credentials in
 * {@code QUARKUS_DATASOURCE_*}, lets the gateway's role log in when {@code KUBEZAP_GATEWAY_DATABASE_PASSWORD} is set
 * ({@link GatewayLogin}), and exits (0 when the schema is current). Run once per release by the chart's Job;
 * concurrent runs are safe, Flyway serialises them with a PostgreSQL advisory lock. Needs a direct connection to
 * PostgreSQL, not one through a transaction-mode pooler (the lock is session-level).
 */
public class SchemaMigrationCommand implements QuarkusApplication {

    private static final Logger LOG = Logger.getLogger(SchemaMigrationCommand.class);

    @Inject
    SchemaMigrator migrator;

    @Inject
    SchemaCheck check;

    @Inject
    DataSource dataSource;

    @Inject
    SessionConfig config;

    @Override
    public int run(String... args) {
        try {
            MigrateResult result = migrator.migrate();
            LOG.infof("database schema at version %s (%d migration(s) applied now)",
                    check.status().current(), result.migrationsExecuted);
            String gatewayPassword = config.gatewayDatabasePassword().orElse("");
            if (!gatewayPassword.isBlank()) {
                try (Connection admin = dataSource.getConnection()) {
                    GatewayLogin.allow(admin, gatewayPassword.strip());
                }
                LOG.infof("the gateway's role %s logs in with its own password", SessionSchema.GATEWAY_ROLE);
            }
            if (config.pooledServerLogin().isPresent()) {
                boolean login = config.pooledServerLogin().get();
                try (Connection admin = dataSource.getConnection()) {
                    PooledServerLogin.set(admin, login);
                }
                LOG.infof("the shared server role %s %s", SessionSchema.POOLED_SERVER_ROLE,
                        login ? "logs in (the pooler's client certificate)" : "does not log in");
            }
            return 0;
        } catch (SQLException e) {
            LOG.error("setting the gateway's or the shared server role's login failed: " + e.getMessage(), e);
            return 1;
        } catch (RuntimeException e) {
            LOG.error("database migration failed: " + e.getMessage(), e);
            return 1;
        }
    }
}
