package io.kubezap.session.message;

import io.kubezap.session.engine.EngineCalls;

import io.kubezap.session.chat.ChatRepository;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.db.Timestamps;
import io.kubezap.session.engine.MessageRef;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.failure.Failure;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code POST /chats/{jid}/read}: read receipts for a chat's unread incoming messages, and its unread count reset. */
@Singleton
public class ChatReads {

    private static final int MAX_PER_CALL = 1000;

    private final SessionDb db;
    private final MessageRepository messages;
    private final ChatRepository chats;
    private final WhatsAppEngine engine;

    public ChatReads(SessionDb db, MessageRepository messages, ChatRepository chats, WhatsAppEngine engine) {
        this.db = db;
        this.messages = messages;
        this.chats = chats;
        this.engine = engine;
    }

    /** {@code {chat, marked}}: how many messages were marked read. */
    public Map<String, Object> markRead(String chat) {
        chats.find(chat).orElseThrow(() -> Failure.notFound("No chat with " + chat));
        List<Message> unread = db.read(handle -> messages.unreadIncoming(handle, chat, MAX_PER_CALL));
        if (!unread.isEmpty()) {
            tellWhatsApp(chat, unread);
        }
        Instant now = Timestamps.now();
        db.inTransaction(handle -> {
            unread.forEach(message -> messages.recordStatus(handle, message.id(), MessageStatus.READ, null, now));
            chats.markRead(handle, chat);
            return null;
        });
        return Map.of("chat", chat, "marked", unread.size());
    }

    private void tellWhatsApp(String chat, List<Message> unread) {
        List<MessageRef> refs = unread.stream()
                .map(message -> new MessageRef(chat, message.waMessageId(), false, message.from())).toList();
        EngineCalls.await(engine.markRead(chat, refs));
    }
}
