package io.kubezap.session.autoreply;

import io.kubezap.session.db.SessionDb;
import jakarta.inject.Singleton;

import java.time.Instant;

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
        return db.read(handle -> db.query(handle, """
                        select count(*) from messages
                        where namespace = :ns and session = :session and chat_jid = :chat and created_at >= :since
                        and direction = 'out' and idempotency_key like '""" + KEY_PREFIX + "%'")
                .bind("chat", chat).bind("since", since).mapTo(Integer.class).one());
    }
}
