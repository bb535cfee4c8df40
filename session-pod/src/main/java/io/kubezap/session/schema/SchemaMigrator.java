package io.kubezap.session.schema;

import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

import javax.sql.DataSource;

/**
 * Applies the packaged migrations with Flyway: the {@code migrate} command, local mode and
 * KUBEZAP_SCHEMA_MIGRATE_AT_START only. Looked up lazily, so a pod that only checks its schema never loads Flyway.
 */
@Singleton
public class SchemaMigrator {

    private final DataSource dataSource;
    private final PackagedMigrations packaged;

    public SchemaMigrator(DataSource dataSource, PackagedMigrations packaged) {
        this.dataSource = dataSource;
        this.packaged = packaged;
    }

    public MigrateResult migrate() {
        ClassLoader classLoader = SchemaMigrator.class.getClassLoader();
        return Flyway.configure(classLoader)
                .dataSource(dataSource)
                .locations("classpath:" + PackagedMigrations.LOCATION)
                .resourceProvider(new PackagedScripts(packaged, classLoader))
                .cleanDisabled(true)
                .load()
                .migrate();
    }
}
