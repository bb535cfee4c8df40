package io.kubezap.session.message;

import io.kubezap.contract.EventCatalogue;
import io.kubezap.session.address.AddressBook;
import io.kubezap.session.chat.ChatRepository;
import io.kubezap.session.contact.ContactRepository;
import io.kubezap.session.db.Handle;
import io.kubezap.session.db.ReceivedMessageTransaction;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.db.Timestamps;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.StatusPost;
import io.kubezap.session.event.EventRepository;
import io.kubezap.session.event.PendingEvent;
import io.kubezap.contract.Jid;
import io.kubezap.session.metrics.SessionMetrics;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Stores what the engine reports: incoming messages and receipts for sent ones. */
@Singleton
public class IncomingMessageRecorder {

    private final SessionDb db;
    private final MessageRepository messages;
    private final ChatRepository chats;
    private final ContactRepository contacts;
    private final EventRepository events;
    private final SessionMetrics metrics;
    private final MessageUpdates updates;
    private final ParticipantReceipts participantReceipts;
    private final ArrivalOrder arrivalOrder = new ArrivalOrder();
    private final AddressBook addresses;
    private final RawAlongside raw;
    private final ReceivedMessageTransaction transaction;

    public IncomingMessageRecorder(SessionDb db, MessageRepository messages, ChatRepository chats,
                            ContactRepository contacts, EventRepository events, SessionMetrics metrics,
                            MessageUpdates updates, ParticipantReceipts participantReceipts, AddressBook addresses,
                            RawAlongside raw, ReceivedMessageTransaction transaction) {
        this.transaction = transaction;
        this.raw = raw;
        this.addresses = addresses;
        this.updates = updates;
        this.participantReceipts = participantReceipts;
        this.db = db;
        this.messages = messages;
        this.chats = chats;
        this.contacts = contacts;
        this.events = events;
        this.metrics = metrics;
    }

    /**
     * Stores a message once (a WhatsApp id seen again in the same chat is ignored) and applies what was waiting for
     * it (a reaction or edit that came first); the message when it was new. A copy of what the account wrote on its
     * phone is stored as outgoing, {@code origin: phone}, already sent. What must be stored with it (the key store
     * entries its decryption changed) joins its transaction ({@link ReceivedMessageTransaction}).
     */
    public Optional<Message> received(EngineEvent.IncomingMessage in) {
        Instant now = Timestamps.now();
        Instant sentAt = in.timestamp() == null ? now : arrivalOrder.stamp(in.timestamp().truncatedTo(ChronoUnit.MICROS));
        Message stored = transaction.inTransaction(db, handle -> {
            Message message = store(handle, in, sentAt, now, false);
            if (message != null) {
                String event = in.fromMe() ? EventCatalogue.MESSAGE_SENT
                        : StatusPost.isStatus(message.chat()) ? EventCatalogue.STATUS_RECEIVED : EventCatalogue.MESSAGE_RECEIVED;
                events.append(handle, new PendingEvent(event, raw.payload(message, in.raw())), now);
            }
            return message;
        });
        if (stored != null) {
            metrics.counted(stored.direction().wire(), stored.status().wire());
        }
        return Optional.ofNullable(stored);
    }

    /**
     * Stores a message of the phone's history (in the caller's transaction) once, marked as history and announced by
     * no event of its own; it does not count as unread in its chat. The message when it was new.
     */
    public Optional<Message> storePast(Handle handle, EngineEvent.IncomingMessage in, Instant now) {
        Instant sentAt = in.timestamp() == null ? now : in.timestamp().truncatedTo(ChronoUnit.MICROS);
        return Optional.ofNullable(store(handle, in, sentAt, now, true));
    }

    private Message store(Handle handle, EngineEvent.IncomingMessage in, Instant sentAt, Instant now, boolean history) {
        MessageContent content = in.content() == null ? new MessageContent.Other("unknown", null) : in.content();
        String id = UUID.randomUUID().toString();
        Direction direction = in.fromMe() ? Direction.OUT : Direction.IN;
        MessageStatus status = in.fromMe() ? MessageStatus.SENT : MessageStatus.RECEIVED;
        // a lid whose number is known is stored under the number: one conversation whichever form WhatsApp used
        String chatJid = addresses.canonical(handle, in.chatJid());
        String senderJid = addresses.canonical(handle, in.senderJid());
        Message message = Message.fresh(id, in.id(), chatJid, senderJid, in.pushName(), direction,
                in.fromMe() ? Message.FROM_PHONE : null, content, messages.mediaUrl(id), in.quotedMessageId(),
                in.mentions(), status, sentAt, now).withExtras(Map.of(), in.traits()).asHistory(history);
        message = message.withAddress(addresses.resolve(handle, Message.person(chatJid, senderJid)));
        if (!messages.insert(handle, message, null)) {
            return null;
        }
        if (content instanceof MessageContent.Media media) {
            messages.recordMediaLocator(handle, message.id(), media.locator());
        }
        messages.appendHistory(handle, message.id(), status, null, now);
        String chatName = !in.fromMe() && (chatJid.endsWith("@" + Jid.USER_SERVER) || chatJid.endsWith("@lid")) ? in.pushName() : null;
        if (!StatusPost.isStatus(chatJid)) { // statuses are listed apart (GET /status), not as a chat
            recordInChat(handle, chatName, message, history);
        }
        if (senderJid != null && !in.fromMe()) {
            contacts.recordSeen(handle, senderJid, Jid.phoneOf(senderJid).orElse(null), in.pushName(), now);
        }
        updates.applyWaiting(handle, message);
        return message;
    }

    private void recordInChat(Handle handle, String chatName, Message message, boolean history) {
        if (history) {
            chats.recordPastMessage(handle, chatName, message.asChatEntry());
        } else {
            chats.recordMessage(handle, chatName, message.asChatEntry());
        }
    }

    /** Moves a sent message forward (delivered → read → played); late or repeated receipts change nothing. */
    public void receipt(EngineEvent.ReceiptReceived receipt) {
        MessageStatus status = MessageStatus.valueOf(receipt.receipt().name());
        Instant now = Timestamps.now();
        Instant at = receipt.at() == null ? now : receipt.at().truncatedTo(ChronoUnit.MICROS);
        boolean advanced = db.inTransaction(handle -> {
            Optional<Message> message = messages.findByWaId(handle, addresses.canonical(handle, receipt.chatJid()), receipt.messageId());
            if (message.isPresent() && receipt.participant() != null && message.get().fromMe()) {
                participantReceipts.record(handle, message.get().id(), receipt.participant(), status, at);
            }
            if (message.isEmpty() || !status.advancesFrom(message.get().status())) {
                return false;
            }
            messages.recordStatus(handle, message.get().id(), status, null, at);
            var payload = new java.util.LinkedHashMap<String, Object>(Map.of(
                    "id", message.get().id(), "waMessageId", receipt.messageId(), "chat", receipt.chatJid(),
                    "status", status.wire(), "at", at.toString()));
            if (!message.get().metadata().isEmpty()) {
                payload.put("metadata", message.get().metadata());
            }
            events.append(handle, new PendingEvent(EventCatalogue.MESSAGE_STATUS, payload, messages.trace(handle, message.get().id())), now);
            return true;
        });
        if (advanced) {
            metrics.counted(Direction.OUT.wire(), status.wire());
        }
    }

    /** A message whose content this session cannot have: only that it existed is recorded ({@code message.undecryptable}). */
    public void undecryptable(EngineEvent.MessageUndecryptable lost) {
        Instant now = Timestamps.now();
        var payload = new java.util.LinkedHashMap<String, Object>();
        payload.put("waMessageId", lost.messageId());
        payload.put("chat", lost.chatJid());
        payload.put("from", lost.senderJid());
        payload.put("pushName", lost.pushName());
        payload.put("reason", lost.cause().wire());
        payload.put("retries", lost.retries());
        payload.put("at", lost.at().toString());
        db.useTransaction(handle -> events.append(handle, new PendingEvent(EventCatalogue.MESSAGE_UNDECRYPTABLE, payload), now));
    }
}
