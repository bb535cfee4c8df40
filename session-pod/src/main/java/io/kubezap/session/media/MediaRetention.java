package io.kubezap.session.media;

import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.host.SessionTimers;
import io.kubezap.session.host.scope.PerSession;
import io.kubezap.session.media.store.MediaObjects;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps the media store within its retention and size cap: at start and every hour, files older than the retention
 * go, then the oldest until the store fits {@code KUBEZAP_MEDIA_STORE_MAX} (volume or S3 alike), and temporary files
 * left by a crash. The session's own retention and cap, from its start to its stop, on the JVM's {@link SessionTimers}.
 */
@PerSession
public class MediaRetention {

    private static final Logger LOG = Logger.getLogger(MediaRetention.class);
    private static final Duration EVERY = Duration.ofHours(1);

    private static final Duration STALE_TEMP = Duration.ofHours(6);

    private final MediaStore store;
    private final MediaStaging staging;
    private final Duration retention;
    private final long maxBytes;

    @Inject
    public MediaRetention(MediaStore store, MediaStaging staging, HostedSessions sessions) {
        this(store, staging, sessions.current().config());
    }

    private MediaRetention(MediaStore store, MediaStaging staging, SessionConfig config) {
        this(store, staging, config.media().retention(), config.media().storeMax().asLongValue());
    }

    MediaRetention(MediaStore store, MediaStaging staging, Duration retention, long maxBytes) {
        this.store = store;
        this.staging = staging;
        this.retention = retention;
        this.maxBytes = maxBytes;
    }

    /** A sweep at the session's start and every hour, until the session stops ({@link SessionTimers#stop}). */
    public void start(SessionTimers timers) {
        timers.every("Media retention", Duration.ZERO, EVERY, this::sweepQuietly);
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
        List<MediaObjects.StoredObject> files = new ArrayList<>(store.list());
        files.sort(Comparator.comparing(MediaObjects.StoredObject::modified));
        Instant expiry = now.minus(retention);
        long total = files.stream().mapToLong(MediaObjects.StoredObject::size).sum();
        int removed = staging.sweep(now.minus(STALE_TEMP));
        for (MediaObjects.StoredObject file : files) {
            if (file.modified().isBefore(expiry) || total > maxBytes) {
                store.delete(file.sha256());
                total -= file.size();
                removed++;
            }
        }
        return removed;
    }
}
