package io.kubezap.session.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Local mode's PostgreSQL: zonky's embedded server, data kept in the given directory across restarts. */
final class LocalDatabase {

    static final String USER = "postgres";

    private final EmbeddedPostgres postgres;

    private LocalDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static LocalDatabase start(Path directory) throws IOException {
        Files.createDirectories(directory);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(directory)
                .setCleanDataDirectory(false)
                .start();
        System.out.println("kubezap local mode: embedded PostgreSQL in " + directory);
        return new LocalDatabase(postgres);
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl(USER, USER);
    }
}
