package io.kubezap.session.media;

import io.kubezap.session.config.SessionConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * Files on their way into the media store, on the volume whatever the store ({@code <data>/media/tmp}): an upload,
 * a download from WhatsApp or a URL, or a stored file copied out for the engine to send.
 */
@Singleton
public class MediaStaging {

    private final Path dir;

    @Inject
    public MediaStaging(SessionConfig config) {
        // the JVM's, shared by the sessions of a host: a staged file is a temporary one, named at random
        this(Path.of(config.dataDir()).resolve("media").resolve("tmp"));
    }

    public MediaStaging(Path dir) {
        this.dir = dir;
    }

    /** A new empty file (on the volume's file system, so the volume store places it by rename). */
    public Path newTempFile() throws IOException {
        Files.createDirectories(dir);
        return Files.createTempFile(dir, "incoming-", ".part");
    }

    /** Removes files left by a crash, older than {@code before}; returns how many. */
    int sweep(Instant before) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(before) && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }
}
