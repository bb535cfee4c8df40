package io.kubezap.session.schema;

import io.quarkus.runtime.QuarkusApplication;
import jakarta.inject.Inject;
import org.flywaydb.core.api.output.MigrateResult;
import org.jboss.logging.Logger;

/**
 * {@code kubezap-session-pod migrate}: applies this image's migrations with the admin credentials in
 * {@code QUARKUS_DATASOURCE_*} and exits (0 when the schema is current). Run once per release by the chart's Job;
 * concurrent runs are safe, Flyway serialises them with a PostgreSQL advisory lock. Needs a direct connection to
 * PostgreSQL, not one through a transaction-mode pooler (the lock is session-level).
 */
public class SchemaMigrationCommand implements QuarkusApplication {

    private static final Logger LOG = Logger.getLogger(SchemaMigrationCommand.class);

    @Inject
    SchemaMigrator migrator;

    @Inject
    SchemaCheck check;

    @Override
    public int run(String... args) {
        try {
            MigrateResult result = migrator.migrate();
            LOG.infof("database schema at version %s (%d migration(s) applied now)",
                    check.status().current(), result.migrationsExecuted);
            return 0;
        } catch (RuntimeException e) {
            LOG.error("database migration failed: " + e.getMessage(), e);
            return 1;
        }
    }
}
