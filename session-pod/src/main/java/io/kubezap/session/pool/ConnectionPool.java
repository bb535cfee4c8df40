package io.kubezap.session.pool;

import io.kubezap.session.config.DatabaseSettings;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.AgroalDataSourceListener;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.supplier.AgroalConnectionFactoryConfigurationSupplier;
import io.agroal.api.configuration.supplier.AgroalConnectionPoolConfigurationSupplier;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * The pod's one {@link DataSource}: Agroal's pool used as a library, over the PostgreSQL driver, without transaction
 * integration (repositories run their own short transactions). Quarkus' datasource extension built the same pool, but
 * brought Narayana, JTA and its own datasource machinery into every pod, some hundreds of classes for a pool of three
 * connections (docs/decisions/0002-agroal-pool-without-the-datasource-extension.md). Settings and defaults are the
 * extension's
 * ({@link PoolSettings}); the pool is closed when the application stops.
 */
@Singleton
public class ConnectionPool {

    private static final Logger LOG = Logger.getLogger(ConnectionPool.class);

    @Produces
    @Singleton
    DataSource dataSource(Config config, DatabaseSettings own) throws SQLException {
        return open(PoolSettings.of(config, own));
    }

    static AgroalDataSource open(PoolSettings settings) throws SQLException {
        return AgroalDataSource.from(configuration(settings), new WarningsLogged());
    }

    void close(@Disposes DataSource pool) {
        ((AgroalDataSource) pool).close();
    }

    static AgroalDataSourceConfigurationSupplier configuration(PoolSettings settings) {
        String url = settings.url().orElseThrow(() -> new IllegalStateException(
                "no database: set quarkus.datasource.jdbc.url (QUARKUS_DATASOURCE_JDBC_URL)"));
        AgroalConnectionFactoryConfigurationSupplier factory = new AgroalConnectionFactoryConfigurationSupplier()
                .jdbcUrl(url)
                .connectionProviderClass(org.postgresql.Driver.class)
                .trackJdbcResources(settings.detectStatementLeaks());
        settings.username().ifPresent(user -> factory.principal(new NamePrincipal(user)));
        settings.password().ifPresent(password -> factory.credential(new SimplePassword(password)));
        settings.newConnectionSql().ifPresent(factory::initialSql);
        AgroalConnectionPoolConfigurationSupplier pool = new AgroalConnectionPoolConfigurationSupplier()
                .connectionFactoryConfiguration(factory)
                .initialSize(settings.initialSize())
                .minSize(settings.minSize())
                .maxSize(settings.maxSize())
                .acquisitionTimeout(settings.acquisitionTimeout())
                .reapTimeout(settings.idleRemovalInterval())
                .validationTimeout(settings.backgroundValidationInterval())
                .connectionValidator(ConnectionValidator.defaultValidator())
                // a connection PostgreSQL ended (restart, failover) leaves the pool at its first fatal error
                .exceptionSorter(new PostgreSQLExceptionSorter());
        settings.foregroundValidationInterval().ifPresent(pool::idleValidationTimeout);
        settings.maxLifetime().ifPresent(pool::maxLifetime);
        settings.leakDetectionInterval().ifPresent(pool::leakTimeout);
        return new AgroalDataSourceConfigurationSupplier().connectionPoolConfiguration(pool);
    }

    /** Agroal tells of failed connections, leaks and failed validations through its listeners only (logged as Quarkus did). */
    private static final class WarningsLogged implements AgroalDataSourceListener {

        @Override
        public void onWarning(String message) {
            if (message.startsWith("JDBC resources leaked")) {
                LOG.debugf("Connection pool: %s", message); // statements closed with their connection, as they should be
            } else {
                LOG.warnf("Connection pool: %s", message);
            }
        }

        @Override
        public void onInfo(String message) {
            LOG.infof("Connection pool: %s", message);
        }

        @Override
        public void onWarning(Throwable problem) {
            LOG.warn("Connection pool: " + problem.getMessage(), problem);
        }
    }
}
