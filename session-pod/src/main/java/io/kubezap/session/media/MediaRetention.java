package io.kubezap.session.media;

import io.kubezap.session.config.SessionConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keeps the media store within its retention and size cap: at start and every hour, files older than the retention
 * go, then the oldest until the store fits {@code KUBEZAP_MEDIA_STORE_MAX}, and temporary files left by a crash.
 */
@Singleton
public class MediaRetention {

    private static final Logger LOG = Logger.getLogger(MediaRetention.class);
    private static final Duration EVERY = Duration.ofHours(1);

    private final MediaStore store;
    private final Duration retention;
    private final long maxBytes;
    private ScheduledExecutorService timer;

    @Inject
    public MediaRetention(MediaStore store, SessionConfig config) {
        this(store, config.media().retention(), config.media().storeMax().asLongValue());
    }

    MediaRetention(MediaStore store, Duration retention, long maxBytes) {
        this.store = store;
        this.retention = retention;
        this.maxBytes = maxBytes;
    }

    void start(@Observes StartupEvent started) {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("kubezap-media-retention").daemon().factory());
        timer.scheduleWithFixedDelay(this::sweepQuietly, 0, EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    private void sweepQuietly() {
        try {
            int removed = sweep(Instant.now());
            if (removed > 0) {
                LOG.infof("Media retention removed %d file(s)", removed);
            }
        } catch (IOException | RuntimeException failed) {
            LOG.warnf("Media retention sweep failed: %s", failed.getMessage());
        }
    }

    /** Removes what the retention and the cap no longer allow; returns how many files went. */
    int sweep(Instant now) throws IOException {
        if (!Files.isDirectory(store.root())) {
            return 0;
        }
        List<StoredFile> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(store.root())) {
            for (Path path : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                files.add(new StoredFile(path, attributes.lastModifiedTime().toInstant(), attributes.size()));
            }
        }
        files.sort(Comparator.comparing(StoredFile::modified));
        Instant expiry = now.minus(retention);
        Instant staleTemp = now.minus(Duration.ofHours(6));
        long total = files.stream().mapToLong(StoredFile::size).sum();
        int removed = 0;
        for (StoredFile file : files) {
            boolean temp = file.path().getParent().getFileName().toString().equals("tmp");
            boolean expired = file.modified().isBefore(temp ? staleTemp : expiry);
            if (expired || (!temp && total > maxBytes)) {
                Files.deleteIfExists(file.path());
                total -= file.size();
                removed++;
            }
        }
        return removed;
    }

    private record StoredFile(Path path, Instant modified, long size) {
    }
}
