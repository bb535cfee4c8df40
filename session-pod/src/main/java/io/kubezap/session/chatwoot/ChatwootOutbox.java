package io.kubezap.session.chatwoot;

import io.kubezap.contract.EventCatalogue;
import io.kubezap.session.config.ChatwootSettings;
import io.kubezap.session.db.Handle;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.event.EventRecordedListener;
import io.kubezap.session.event.PendingEvent;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Set;

/**
 * Queues each event the connector mirrors into Chatwoot inside the transaction that records it, so an event is never
 * committed without its mirror's row (the durable outbox, as webhooks' and sinks'); with {@code importMessages}, a
 * stored history batch queues its recent messages for import the same way. Without {@code spec.chatwoot} it
 * writes nothing, and nothing else of the connector is made.
 */
@Singleton
@Startup // made on the main thread: the first event may come on an engine thread, whose class loader cannot make config beans
public class ChatwootOutbox implements EventRecordedListener {

    /** The events a Chatwoot conversation shows: messages both ways, reactions, and what became of a reply. */
    static final Set<String> MIRRORED = Set.of(EventCatalogue.MESSAGE_RECEIVED, EventCatalogue.MESSAGE_SENT,
            EventCatalogue.MESSAGE_STATUS, EventCatalogue.MESSAGE_FAILED, EventCatalogue.MESSAGE_REACTION);

    private final boolean enabled;
    private final boolean importMessages;
    private final int daysLimitImportMessages;
    private final SessionDb db;

    public ChatwootOutbox(ChatwootSettings settings, SessionDb db) {
        this.enabled = settings.enabled();
        this.importMessages = enabled && settings.importMessages();
        this.daysLimitImportMessages = settings.daysLimitImportMessages();
        this.db = db;
    }

    @Override
    public void recorded(Handle handle, long eventId, PendingEvent event, Instant at) {
        if (enabled && MIRRORED.contains(event.type())) {
            db.update(handle, "insert into chatwoot_deliveries (namespace, session, event_id) values (:ns, :session, :eventId)")
                    .bind("eventId", eventId).execute();
        } else if (importMessages && EventCatalogue.HISTORY_SYNCED.equals(event.type())) {
            // the batch's messages are stored in this transaction: queued with them, never one without the other
            ChatwootImports.queue(db, handle, daysLimitImportMessages, at);
        }
    }
}
