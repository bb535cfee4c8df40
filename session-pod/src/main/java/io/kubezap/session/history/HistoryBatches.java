package io.kubezap.session.history;

import io.kubezap.contract.EventCatalogue;
import io.kubezap.session.address.AddressBook;
import io.kubezap.session.chat.ChatRepository;
import io.kubezap.session.chat.ChatStates;
import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.db.Handle;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.db.Timestamps;
import io.kubezap.session.engine.ChatChange;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.HistoryConversation;
import io.kubezap.session.event.EventRepository;
import io.kubezap.session.event.PendingEvent;
import io.kubezap.session.message.IncomingMessageRecorder;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Stores a batch of the phone's history in one transaction: its messages, each once (a WhatsApp id already stored in
 * its chat is skipped, so a batch delivered again after a crash adds nothing), marked as history and not announced one by
 * one; their chats, with what the phone says of each (archived, pinned, muted, unread: {@link ChatStates}); and one {@code history.synced} event with what the batch held. At most {@code maxMessages} history
 * messages are kept per session: a batch fills what room is left chat by chat, each chat's newest messages first, and
 * counts the rest as dropped in its event.
 */
@Singleton
public class HistoryBatches {

    private static final Logger LOG = Logger.getLogger(HistoryBatches.class);

    private final SessionDb db;
    private final IncomingMessageRecorder incoming;
    private final EventRepository events;
    private final ChatStates chatStates;
    private final ChatRepository chats;
    private final AddressBook addresses;
    private final long maxMessages;

    @Inject
    public HistoryBatches(SessionDb db, IncomingMessageRecorder incoming, EventRepository events, ChatStates chatStates,
                          ChatRepository chats, AddressBook addresses, SessionConfig config) {
        this(db, incoming, events, chatStates, chats, addresses, config.historyMaxMessages());
    }

    HistoryBatches(SessionDb db, IncomingMessageRecorder incoming, EventRepository events, ChatStates chatStates,
                   ChatRepository chats, AddressBook addresses, long maxMessages) {
        this.chats = chats;
        this.addresses = addresses;
        this.db = db;
        this.incoming = incoming;
        this.events = events;
        this.chatStates = chatStates;
        this.maxMessages = maxMessages;
    }

    /** What one batch came to, as its event reports it. */
    record Outcome(String type, int chunkOrder, Integer progress, int chats, int messages, int duplicates, int dropped,
                   List<String> chatJids) {
    }

    public void stored(EngineEvent.HistorySynced batch) {
        stored(batch, handle -> { });
    }

    /** Stores the batch and does {@code alsoDone} in the same transaction. */
    public void stored(EngineEvent.HistorySynced batch, Consumer<Handle> alsoDone) {
        Instant now = Timestamps.now();
        Outcome outcome = db.inTransaction(handle -> {
            alsoDone.accept(handle);
            batch.addresses().forEach(pair -> addresses.learn(handle, pair.lidJid(), pair.phoneJid(), pair.source()));
            long room = Math.max(0, maxMessages - storedHistory(handle));
            int messages = 0;
            int duplicates = 0;
            int dropped = 0;
            var chatJids = new ArrayList<String>();
            for (HistoryConversation conversation : batch.conversations()) {
                String chatJid = addresses.canonical(handle, conversation.jid());
                chatJids.add(chatJid);
                chats.recordKnown(handle, chatJid, conversation.name(), conversation.lastActiveAt(), now);
                chatStates.apply(handle, chatJid, new ChatChange.Conversation(conversation.archived(), conversation.pinnedAt(),
                        conversation.mutedUntil(), conversation.unreadCount(), false), now);
                // the newest messages of a conversation matter most: when room runs out, the oldest are dropped
                for (EngineEvent.IncomingMessage message : conversation.messages().reversed()) {
                    if (room == 0) {
                        dropped++;
                    } else if (incoming.storePast(handle, message, now).isPresent()) {
                        messages++;
                        room--;
                    } else {
                        duplicates++;
                    }
                }
            }
            var result = new Outcome(batch.syncType(), batch.chunkOrder(), batch.progress(), batch.conversations().size(),
                    messages, duplicates, dropped, chatJids);
            events.append(handle, new PendingEvent(EventCatalogue.HISTORY_SYNCED, payload(result)), now);
            return result;
        });
        if (outcome.dropped() > 0) {
            LOG.warnf("History batch %s/%d: %d messages dropped, the session keeps at most %d history messages"
                    + " (KUBEZAP_HISTORY_MAX_MESSAGES)", outcome.type(), outcome.chunkOrder(), outcome.dropped(), maxMessages);
        }
    }

    private long storedHistory(Handle handle) {
        return db.query(handle, "select count(*) from messages where namespace = :ns and session = :session and history")
                .mapTo(Long.class).one();
    }

    private static Map<String, Object> payload(Outcome outcome) {
        var payload = new LinkedHashMap<String, Object>();
        payload.put("type", outcome.type());
        payload.put("chunkOrder", outcome.chunkOrder());
        payload.put("progress", outcome.progress());
        payload.put("chats", outcome.chats());
        payload.put("messages", outcome.messages());
        payload.put("duplicates", outcome.duplicates());
        payload.put("dropped", outcome.dropped());
        payload.put("chatJids", outcome.chatJids());
        return payload;
    }
}
