package io.kubezap.session.retention;

import io.kubezap.session.config.RetentionSettings;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.event.EventRepository;
import io.kubezap.session.media.MediaStore;
import io.kubezap.session.message.MessageRepository;
import io.kubezap.session.webhook.DeliveryRepository;
import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.host.SessionTimers;
import io.kubezap.session.host.scope.PerSession;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.function.IntSupplier;

/**
 * Deletes what the session's retention no longer keeps: webhook deliveries, events, then messages with the media files
 * no remaining message names. Each table goes in batches, one short transaction per batch, oldest first, so no lock
 * is held for long and a pod stopped midway simply continues next time. Runs every {@link RetentionSettings#interval()}
 * of the session's own settings, from its start to its stop, on the JVM's {@link SessionTimers}.
 */
@PerSession
public class RowPruning {

    private static final Logger LOG = Logger.getLogger(RowPruning.class);

    private final SessionDb db;
    private final RetentionSettings settings;
    private final DeliveryRepository deliveries;
    private final EventRepository events;
    private final MessageRepository messages;
    private final MediaStore media;
    private final Clock clock;

    @Inject
    public RowPruning(SessionDb db, HostedSessions sessions, DeliveryRepository deliveries, EventRepository events,
                      MessageRepository messages, MediaStore media) {
        this(db, sessions.current().config().retention(), deliveries, events, messages, media, Clock.systemUTC());
    }

    RowPruning(SessionDb db, RetentionSettings settings, DeliveryRepository deliveries, EventRepository events,
               MessageRepository messages, MediaStore media, Clock clock) {
        this.db = db;
        this.settings = settings;
        this.deliveries = deliveries;
        this.events = events;
        this.messages = messages;
        this.media = media;
        this.clock = clock;
    }

    /** From the session's start: a pass every interval, until the session stops ({@link SessionTimers#stop}). */
    public void start(SessionTimers timers) {
        timers.every("Retention pruning", settings.interval(), settings.interval(), this::pruneQuietly);
    }

    private void pruneQuietly() {
        try {
            Pruned pruned = prune();
            if (pruned.any()) {
                LOG.infof("Retention removed %d webhook deliveries, %d events, %d messages and %d media files",
                        pruned.deliveries(), pruned.events(), pruned.messages(), pruned.files());
            }
        } catch (RuntimeException failed) {
            LOG.warnf("Retention pruning failed (tried again in %s): %s", settings.interval(), failed.getMessage());
        }
    }

    /** One full pass: every table down to its retention. */
    public Pruned prune() {
        Instant now = clock.instant();
        int batch = settings.batchSize();
        int deliveriesGone = inBatches(() -> db.inTransaction(handle ->
                deliveries.pruneOlderThan(handle, now.minus(settings.webhookDeliveries()), batch)));
        int eventsGone = inBatches(() -> db.inTransaction(handle ->
                events.pruneOlderThan(handle, now.minus(settings.events()), batch)));
        int messagesGone = 0;
        int filesGone = 0;
        Instant messagesBefore = now.minus(settings.messages());
        while (true) {
            MessageRepository.Pruned pruned = db.inTransaction(handle -> messages.pruneOlderThan(handle, messagesBefore, batch));
            messagesGone += pruned.messages();
            filesGone += deleteFiles(pruned);
            if (pruned.messages() < batch) {
                break;
            }
        }
        return new Pruned(deliveriesGone, eventsGone, messagesGone, filesGone);
    }

    /** Files go after their rows' commit: a file without a row is swept later, a row without its file would answer 410. */
    private int deleteFiles(MessageRepository.Pruned pruned) {
        int deleted = 0;
        for (String sha256 : pruned.unnamedFiles()) {
            try {
                deleted += media.delete(sha256) ? 1 : 0;
            } catch (IOException failed) {
                LOG.warnf("Retention could not delete media file %s: %s", sha256, failed.getMessage());
            }
        }
        return deleted;
    }

    private static int inBatches(IntSupplier batch) {
        int total = 0;
        int deleted;
        do {
            deleted = batch.getAsInt();
            total += deleted;
        } while (deleted > 0 && !Thread.currentThread().isInterrupted());
        return total;
    }

    /** What one pass removed. */
    public record Pruned(int deliveries, int events, int messages, int files) {

        boolean any() {
            return deliveries + events + messages + files > 0;
        }
    }
}
