package io.kubezap.session.media;

import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.host.SessionThreads;
import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.engine.MediaLocator;
import io.kubezap.session.engine.MediaUnavailableException;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.message.Message;
import io.kubezap.session.message.MessageRepository;
import io.kubezap.session.failure.Failure;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The bytes of a message's media: on the volume, or fetched from WhatsApp (on arrival when small enough, else on the
 * first request), for as long as the retention allows; after it the file is gone for good (410).
 */
@Singleton
public class MediaFiles {

    private static final Logger LOG = Logger.getLogger(MediaFiles.class);
    private static final Duration FETCH_PATIENCE = Duration.ofMinutes(5);
    private static final java.util.concurrent.Executor BACKGROUND = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    private final MediaStore store;
    private final MessageRepository messages;
    private final WhatsAppEngine engine;
    private final MediaLimits limits;
    /** The named session's settings, read at each use: a host's sessions each have their own (record 0021). */
    private final Supplier<Rules> rules;
    private final Clock clock;
    private final StorageQuota quota;

    /** A session's media settings this class applies. */
    record Rules(long autoDownloadMax, Duration retention, Duration presignExpiry) {

        static Rules of(SessionConfig.Media media) {
            return new Rules(media.autoDownloadMax().asLongValue(), media.retention(), media.s3().presignExpiry());
        }
    }

    @Inject
    public MediaFiles(MediaStore store, MessageRepository messages, WhatsAppEngine engine, MediaLimits limits,
                      HostedSessions sessions, StorageQuota quota) {
        this(store, messages, engine, limits, () -> Rules.of(sessions.current().config().media()), Clock.systemUTC(), quota);
    }

    MediaFiles(MediaStore store, MessageRepository messages, WhatsAppEngine engine, MediaLimits limits,
               long autoDownloadMax, Duration retention, Clock clock, StorageQuota quota, Duration presignExpiry) {
        this(store, messages, engine, limits, () -> new Rules(autoDownloadMax, retention, presignExpiry), clock, quota);
    }

    private MediaFiles(MediaStore store, MessageRepository messages, WhatsAppEngine engine, MediaLimits limits,
                       Supplier<Rules> rules, Clock clock, StorageQuota quota) {
        this.quota = quota;
        this.store = store;
        this.messages = messages;
        this.engine = engine;
        this.limits = limits;
        this.rules = rules;
        this.clock = clock;
    }

    /** An incoming media message was stored: small files are downloaded now, in the background. */
    public void arrived(Message message, MessageContent content) {
        if (quota.exceeded()) {
            LOG.infof("Media of message %s not downloaded on arrival: the session is over its storage quota; the message"
                    + " is stored and its file can be fetched once below it", message.id());
            return;
        }
        if (content instanceof MessageContent.Media media && media.size() <= rules.get().autoDownloadMax()) {
            // off the delivery path: with an S3 store, even asking whether the file is kept is a request
            CompletableFuture.runAsync(SessionThreads.named(() -> downloadUnlessKept(message, media)), BACKGROUND);
        }
    }

    private void downloadUnlessKept(Message message, MessageContent.Media media) {
        if (kept(message, media)) {
            return;
        }
        Path temp;
        try {
            temp = tempFile();
        } catch (MediaUnavailableException noVolume) {
            notDownloaded(message, noVolume);
            return;
        }
        fetchBounded(media.locator(), temp).whenComplete((done, failed) -> {
            try {
                if (failed != null) {
                    throw failed;
                }
                store.adopt(temp, media.sha256());
            } catch (Throwable notKept) {
                notDownloaded(message, notKept);
                deleteQuietly(temp);
            }
        });
    }

    private static void notDownloaded(Message message, Throwable why) {
        LOG.warnf("Media of message %s not downloaded on arrival (%s); it will be fetched on request", message.id(),
                why.getMessage());
    }

    private boolean kept(Message message, MessageContent.Media media) {
        try {
            return store.find(media.sha256()).isPresent();
        } catch (UncheckedIOException unreachable) {
            notDownloaded(message, unreachable);
            return true;
        }
    }

    /** A message's file in the store: its name (SHA-256) and size. */
    public record StoredMedia(String sha256, long size) {
    }

    /** The file of {@code message}, fetching it from WhatsApp if needed. */
    public StoredMedia fileOf(Message message) {
        if (message.media() == null) {
            throw Failure.notFound("Message '" + message.id() + "' has no media");
        }
        Duration retention = rules.get().retention();
        if (message.createdAt().plus(retention).isBefore(clock.instant())) {
            throw new Failure(Failure.Kind.GONE, "media-expired", "Media expired", "The media of message '" + message.id()
                    + "' was kept for " + retention.toDays() + " days (KUBEZAP_MEDIA_RETENTION) and is gone");
        }
        Optional<Long> stored = storedSize(message.media().sha256());
        if (stored.isPresent()) {
            return new StoredMedia(message.media().sha256(), stored.get());
        }
        quota.refuseWhenExceeded("The file of message '" + message.id() + "' is not downloaded");
        MediaLocator locator = messages.mediaLocator(message.id()).orElseThrow(() -> new Failure(Failure.Kind.CONFLICT, "media-not-ready", "Media not ready", "The file of message '" + message.id() + "' is not there yet"));
        return fetch(message, locator);
    }

    private Optional<Long> storedSize(String sha256) {
        try {
            return store.find(sha256);
        } catch (UncheckedIOException unreachable) {
            throw unavailable(unreachable.getCause());
        }
    }

    private static Failure unavailable(IOException cause) {
        return new Failure(Failure.Kind.UNAVAILABLE, "media-store-unavailable", "Media store unavailable",
                "The file could not be read from the media store: " + cause.getMessage());
    }

    /** {@code length} bytes of a stored file from {@code first}. */
    public java.io.InputStream read(StoredMedia file, long first, long length) {
        try {
            return store.read(file.sha256(), first, length);
        } catch (IOException unreadable) {
            throw unavailable(unreadable);
        }
    }

    /** A short-lived URL of a stored file, where the store has them (S3), with the headers a download would get. */
    public Optional<java.net.URI> presignedUrl(StoredMedia file, String contentType, String disposition) {
        return store.presignedUrl(file.sha256(), rules.get().presignExpiry(), contentType, disposition);
    }

    private StoredMedia fetch(Message message, MediaLocator locator) {
        Path temp = tempFile();
        try {
            fetchBounded(locator, temp).toCompletableFuture().get(FETCH_PATIENCE.toSeconds(), TimeUnit.SECONDS);
            MediaStore.StoredFile stored = store.adopt(temp, message.media().sha256());
            return new StoredMedia(stored.sha256(), stored.size());
        } catch (ExecutionException | IOException | TimeoutException failed) {
            Throwable cause = failed instanceof ExecutionException && failed.getCause() != null ? failed.getCause() : failed;
            LOG.warnf("Media of message %s could not be fetched: %s", message.id(), cause.getMessage());
            throw new Failure(Failure.Kind.WHATSAPP_FAILED, "media-unavailable", "Media unavailable",
                    cause instanceof MediaUnavailableException ? cause.getMessage()
                            : "WhatsApp's copy of the file could not be fetched");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Failure(Failure.Kind.UNAVAILABLE, "media-unavailable", "Media unavailable", "the pod is stopping");
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * The sender declares the file's size (and writes it into the message as it likes): a file declared larger than
     * this session's limit is not fetched, and the engine stops at the declared size, or at the limit when none is.
     */
    private CompletionStage<Void> fetchBounded(MediaLocator locator, Path target) {
        long limit = limits.maxBytes(locator.kind());
        if (locator.size() > limit) {
            return CompletableFuture.failedFuture(new MediaUnavailableException("the message declares " + locator.size()
                    + " bytes, more than this session's limit of " + limit + " (KUBEZAP_MEDIA_MAX_SIZE_*)", null));
        }
        return engine.fetchMedia(locator.size() > 0 ? locator : locator.withSize(limit), target);
    }

    private Path tempFile() {
        try {
            Path temp = store.newTempFile();
            Files.delete(temp);
            return temp;
        } catch (IOException noVolume) {
            throw new MediaUnavailableException("cannot write to the media store: " + noVolume.getMessage(), noVolume);
        }
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // the store's sweep removes leftovers
        }
    }
}
