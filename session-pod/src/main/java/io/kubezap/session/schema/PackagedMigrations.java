package io.kubezap.session.schema;

import io.kubezap.schema.SessionSchema;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The migration scripts this build packages (classpath {@value #LOCATION}), from {@value #LISTING}: the build lists
 * them there (maven-antrun-plugin in the pom), so the pod knows its schema without scanning the class path or loading
 * Flyway, and the migration runner hands Flyway the same files.
 */
@Singleton
public class PackagedMigrations {

    static final String LOCATION = SessionSchema.MIGRATIONS;
    static final String LISTING = SessionSchema.MIGRATION_LIST;

    private final List<String> scripts;

    @Inject
    public PackagedMigrations() {
        this(read());
    }

    PackagedMigrations(List<String> scripts) {
        this.scripts = List.copyOf(scripts);
    }

    /**
     * File names under {@value #LOCATION}: versioned migrations, Flyway callbacks ({@code afterMigrate.sql}) and script
     * configurations ({@code V76__x.sql.conf}: {@code executeInTransaction=false} for {@code create index concurrently}).
     */
    List<String> scripts() {
        return scripts;
    }

    /** The versions of the versioned migrations ({@code V<version>__<description>.sql}), oldest first. */
    List<SchemaVersion> versions() {
        return scripts.stream().filter(name -> name.startsWith("V") && name.contains("__") && name.endsWith(".sql"))
                .map(SchemaVersion::ofScript).sorted().toList();
    }

    private static List<String> read() {
        try (InputStream listing = PackagedMigrations.class.getClassLoader().getResourceAsStream(LISTING)) {
            if (listing == null) {
                throw new IllegalStateException(LISTING + " is missing from the class path: the build writes it");
            }
            return new String(listing.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
