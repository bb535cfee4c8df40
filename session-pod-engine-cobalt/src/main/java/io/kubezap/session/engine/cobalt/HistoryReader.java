package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.HistoryBlob;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.model.sync.HistorySyncNotification;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Reads the phone's history batches ({@link HistorySyncs}) when their notification arrives, and later those whose blob
 * could not be had then. A notification is acknowledged to WhatsApp whatever happens to its blob, and WhatsApp never
 * sends it again; so a blob the media host does not give (an error, a timeout, a hash or MAC that does not match) is
 * reported kept ({@link EngineEvent.HistoryDeferred}, stored before the acknowledgement leaves) and read again by
 * {@link #readKept}, as WhatsApp Web keeps a chunk it could not download and retries it.
 */
final class HistoryReader {

    private static final Logger LOG = Logger.getLogger(HistoryReader.class);

    private final ConnectionLifecycle lifecycle;
    private final EngineEvents events;
    private final Clock clock;
    private final Supplier<URI> proxy;
    private final Executor executor = Executors.newVirtualThreadPerTaskExecutor();

    HistoryReader(ConnectionLifecycle lifecycle, EngineEvents events, Clock clock, Supplier<URI> proxy) {
        this.lifecycle = lifecycle;
        this.events = events;
        this.clock = clock;
        this.proxy = proxy;
    }

    /**
     * A batch arrived: reported to be stored (before the notification is acknowledged, so that a batch a crash
     * interrupted comes again), then the phone is told it was processed ({@code hist_sync} receipt, as WhatsApp Web
     * answers); or, when its blob cannot be had now, reported kept.
     */
    void arrived(Whatsapp client, ChatMessageInfo notification, HistorySyncNotification history) {
        var self = client.store().jid().orElse(null);
        try {
            HistorySyncs.read(notification.id(), history, lifecycle.historyDepth(), self, clock.instant(), proxy.get(),
                            inflated -> HistoryTokens.keep(client, inflated))
                    .filter(batch -> !batch.conversations().isEmpty())
                    .ifPresent(events);
        } catch (HistorySyncs.TooLarge tooLarge) {
            LOG.warnf("History sync %s (chunk %s) dropped: %s", notification.id(), history.chunkOrder(), tooLarge.getMessage());
        } catch (RuntimeException unreadable) {
            var blob = HistorySyncs.blob(notification.id(), history);
            if (blob.isEmpty()) {
                LOG.warnf(unreadable, "Could not read history sync %s (chunk %s)", notification.id(), history.chunkOrder());
                return;
            }
            LOG.warnf("History sync %s (%s, chunk %d) could not be read now (%s): kept, to be read again", notification.id(),
                    blob.get().syncType(), blob.get().chunkOrder(), unreadable.getMessage());
            events.accept(new EngineEvent.HistoryDeferred(blob.get(), unreadable.getMessage()));
            return;
        }
        acknowledge(client, notification.id(), notification.chatJid());
    }

    /** Downloads and reads a kept batch; fails while its blob stays out of reach or the session is not connected. */
    CompletionStage<Optional<EngineEvent.HistorySynced>> readKept(HistoryBlob blob) {
        var client = lifecycle.client();
        var self = client == null ? null : client.store().jid().orElse(null);
        if (self == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("WhatsApp is not connected yet"));
        }
        return CompletableFuture.supplyAsync(() -> {
            var batch = readUnlessTooLarge(blob, self, client);
            if (client.isConnected()) {
                acknowledge(client, blob.notificationId(), self);
            }
            return batch.filter(read -> !read.conversations().isEmpty());
        }, executor);
    }

    private Optional<EngineEvent.HistorySynced> readUnlessTooLarge(HistoryBlob blob, Jid self, Whatsapp client) {
        try {
            return HistorySyncs.read(blob, lifecycle.historyDepth(), self, clock.instant(), proxy.get(),
                    inflated -> HistoryTokens.keep(client, inflated));
        } catch (HistorySyncs.TooLarge tooLarge) {
            LOG.warnf("Kept history sync %s dropped: %s", blob.notificationId(), tooLarge.getMessage());
            return Optional.empty();
        }
    }

    private static void acknowledge(Whatsapp client, String notificationId, Jid account) {
        RawNodes.sendWithoutAnswer(client, Node.of("receipt", Map.of("id", notificationId, "to", account.toSimpleJid(),
                "type", "hist_sync")));
    }
}
