package io.kubezap.session.chat;

import io.kubezap.contract.EventCatalogue;
import io.kubezap.session.db.Handle;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.db.Timestamps;
import io.kubezap.session.engine.ChatChange;
import io.kubezap.session.engine.EngineCalls;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.event.EventRepository;
import io.kubezap.session.event.PendingEvent;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A chat's state as the account's app state has it (archived, pinned, muted, read, labels, starred messages): changed
 * from the API (sent to WhatsApp as an app-state patch, then stored), or as WhatsApp reports it (a change made on the
 * phone, or a history sync's conversation). Each change that alters what is stored is announced once:
 * {@code chat.updated}, or {@code label.assigned}/{@code label.unassigned}.
 */
@Singleton
public class ChatStates {

    private final SessionDb db;
    private final ChatRepository chats;
    private final EventRepository events;
    private final WhatsAppEngine engine;

    public ChatStates(SessionDb db, ChatRepository chats, EventRepository events, WhatsAppEngine engine) {
        this.db = db;
        this.chats = chats;
        this.events = events;
        this.engine = engine;
    }

    /** What WhatsApp says of {@code chatJid} (canonical JID) at {@code at}; false when nothing stored changed. */
    public boolean apply(String chatJid, ChatChange change, Instant at) {
        return db.inTransaction(handle -> apply(handle, chatJid, change, at));
    }

    /** The same in the caller's transaction (a history batch's). */
    public boolean apply(Handle handle, String chatJid, ChatChange change, Instant at) {
        Instant when = at.truncatedTo(ChronoUnit.MICROS);
        if (!chats.apply(handle, chatJid, change, when)) {
            return false;
        }
        events.append(handle, event(chatJid, change, when, chats.find(handle, chatJid)), Timestamps.now());
        return true;
    }

    /** Makes the change on WhatsApp (the phone and the other companions see it), then stores it; the chat as it is now. */
    public Optional<Chat> change(String chatJid, ChatChange change) {
        EngineCalls.await(engine.changeChat(chatJid, change));
        apply(chatJid, change, Timestamps.now());
        return chats.find(chatJid);
    }

    private static PendingEvent event(String chatJid, ChatChange change, Instant at, Optional<Chat> now) {
        if (change instanceof ChatChange.Label label) {
            return new PendingEvent(label.labeled() ? EventCatalogue.LABEL_ASSIGNED : EventCatalogue.LABEL_UNASSIGNED,
                    new LabelAssignment(label.labelId(), chatJid, label.messageId(), at));
        }
        String messageId = change instanceof ChatChange.Star star ? star.messageId() : null;
        return new PendingEvent(EventCatalogue.CHAT_UPDATED, new ChatUpdate(chatJid, ChatUpdate.what(change), messageId,
                now.orElse(null), at));
    }

    /** {@code label.assigned}/{@code label.unassigned}: {@code messageId} null when the label is on the chat itself. */
    public record LabelAssignment(String labelId, String chat, String messageId, Instant at) {
    }

    /**
     * {@code chat.updated}: {@code change} names what changed ({@link #what}); {@code messageId} the starred message;
     * {@code current} the chat as {@code GET /chats/{jid}} shows it now (null once deleted).
     */
    public record ChatUpdate(String chat, String change, String messageId, Chat current, Instant at) {

        static String what(ChatChange change) {
            return switch (change) {
                case ChatChange.Archive a -> a.archived() ? "archived" : "unarchived";
                case ChatChange.Pin p -> p.pinned() ? "pinned" : "unpinned";
                case ChatChange.Mute m -> m.until() == null ? "unmuted" : "muted";
                case ChatChange.MarkRead r -> r.read() ? "read" : "unread";
                case ChatChange.Delete ignored -> "deleted";
                case ChatChange.Clear ignored -> "cleared";
                case ChatChange.Star s -> s.starred() ? "starred" : "unstarred";
                case ChatChange.Label l -> l.labeled() ? "labeled" : "unlabeled";
                case ChatChange.Conversation ignored -> "synced";
            };
        }
    }
}
