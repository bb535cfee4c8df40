package io.kubezap.session.schema;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The versions of the migration scripts this build packages (classpath {@code db/migration}, what the migration
 * runner applies), from {@value #LISTING}: the build lists the scripts there (maven-antrun-plugin in the pom), so the
 * pod knows its schema without scanning the class path or loading Flyway.
 */
@Singleton
public class PackagedMigrations {

    static final String LISTING = "db/migration-list.txt";

    private final List<SchemaVersion> versions;

    @Inject
    public PackagedMigrations() {
        this(read());
    }

    PackagedMigrations(List<SchemaVersion> versions) {
        this.versions = versions.stream().sorted().toList();
    }

    List<SchemaVersion> versions() {
        return versions;
    }

    private static List<SchemaVersion> read() {
        try (InputStream listing = PackagedMigrations.class.getClassLoader().getResourceAsStream(LISTING)) {
            if (listing == null) {
                throw new IllegalStateException(LISTING + " is missing from the class path: the build writes it");
            }
            return new String(listing.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .map(SchemaVersion::ofScript)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
