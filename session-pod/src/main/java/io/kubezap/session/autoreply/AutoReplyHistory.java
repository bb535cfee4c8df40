package io.kubezap.session.autoreply;

import io.kubezap.session.db.SessionDb;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;

/** What the messages table tells about a contact's chat: whether a message is its first, and the replies sent since. */
@Singleton
public class AutoReplyHistory {

    /** The idempotency keys of automatic replies start with this; the rest is the incoming message's id. */
    static final String KEY_PREFIX = "auto-reply-";

    private final SessionDb db;

    public AutoReplyHistory(SessionDb db) {
        this.db = db;
    }

    /** The key of the reply to {@code incomingId}: one reply per incoming message, across restarts and rule changes. */
    static String idempotencyKey(String incomingId) {
        return KEY_PREFIX + incomingId;
    }

    /** Whether nothing but {@code messageId} was ever exchanged in {@code chat} (history included). */
    public boolean firstContact(String chat, String messageId) {
        return db.read(handle -> !db.query(handle, """
                        select exists (select 1 from messages
                        where namespace = :ns and session = :session and chat_jid = :chat and id <> :id)""")
                .bind("chat", chat).bind("id", messageId).mapTo(Boolean.class).one());
    }

    /** Automatic replies queued or sent to {@code chat} since {@code since}. */
    public int repliesSince(String chat, Instant since) {
        return repliesSince(Optional.of(chat), since, KEY_PREFIX);
    }

    /** Replies whose idempotency key starts with {@code keyPrefix}, queued or sent since {@code since}: to {@code chat}, or to any chat. */
    public int repliesSince(Optional<String> chat, Instant since, String keyPrefix) {
        return db.read(handle -> db.query(handle, """
                        select count(*) from messages
                        where namespace = :ns and session = :session and (cast(:chat as text) is null or chat_jid = :chat)
                        and created_at >= :since and direction = 'out' and idempotency_key like :keys""")
                .bind("chat", chat.orElse(null)).bind("since", since).bind("keys", keyPrefix + "%").mapTo(Integer.class).one());
    }

    /** When WhatsApp last took a reply to {@code chat} whose idempotency key starts with {@code keyPrefix}. */
    public Optional<Instant> lastSent(String chat, String keyPrefix) {
        return db.read(handle -> db.query(handle, """
                        select max(h.at) as last from messages m
                        join message_status_history h on h.namespace = m.namespace and h.session = m.session and h.message_id = m.id
                        where m.namespace = :ns and m.session = :session and m.chat_jid = :chat and m.direction = 'out'
                        and m.idempotency_key like :keys and h.status = 'sent'""")
                .bind("chat", chat).bind("keys", keyPrefix + "%").map(rs -> Optional.ofNullable(SessionDb.instant(rs, "last"))).one());
    }
}
