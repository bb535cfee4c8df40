package io.kubezap.session.autoreply;

import io.kubezap.session.db.SessionDb;
import io.kubezap.session.db.Timestamps;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;

/**
 * Per chat, for the {@link AiResponder}: whether the API switched the responder off ({@code ai_responder_chats}), and when a person last answered
 * it — an outgoing message neither the responder nor a keyword auto-reply sent (from the phone, the dashboard,
 * Chatwoot or an API client), read from {@code messages}; history imports do not count.
 */
@Singleton
public class AiResponderChats {

    /** The idempotency keys of the responder's own replies start with this; the rest is the incoming message's id. */
    static final String KEY_PREFIX = "ai-reply-";

    private final SessionDb db;

    public AiResponderChats(SessionDb db) {
        this.db = db;
    }

    static String idempotencyKey(String incomingId) {
        return KEY_PREFIX + incomingId;
    }

    /** The chat's own switch, empty when the API never set it (the session's settings hold). */
    public Optional<Boolean> switchedOn(String chat) {
        return db.read(handle -> db.query(handle, """
                        select enabled from ai_responder_chats
                        where namespace = :ns and session = :session and chat_jid = :chat""")
                .bind("chat", chat).mapTo(Boolean.class).findOne());
    }

    /** Switches the responder on or off for one chat. */
    public void set(String chat, boolean enabled) {
        db.useTransaction(handle -> db.update(handle, """
                        insert into ai_responder_chats (namespace, session, chat_jid, enabled, changed_at)
                        values (:ns, :session, :chat, :enabled, :at)
                        on conflict (namespace, session, chat_jid) do update set
                            enabled = excluded.enabled, changed_at = excluded.changed_at""")
                .bind("chat", chat).bind("enabled", enabled).bind("at", Timestamps.now()).execute());
    }

    /** Whether the responder already answered {@code incomingId} (a message seen again after a restart). */
    public boolean answered(String incomingId) {
        return db.read(handle -> db.query(handle, """
                        select exists (select 1 from messages
                        where namespace = :ns and session = :session and idempotency_key = :key)""")
                .bind("key", idempotencyKey(incomingId)).mapTo(Boolean.class).one());
    }

    /** When a person last wrote to the chat from this account, if ever. */
    public Optional<Instant> lastHumanAnswer(String chat) {
        return db.read(handle -> db.query(handle, """
                        select max(created_at) as last from messages
                        where namespace = :ns and session = :session and chat_jid = :chat and direction = 'out'
                        and not history and (idempotency_key is null or (idempotency_key not like :ours
                        and idempotency_key not like :keywords))""")
                .bind("chat", chat).bind("ours", KEY_PREFIX + "%").bind("keywords", AutoReplyHistory.KEY_PREFIX + "%")
                .map(rs -> Optional.ofNullable(SessionDb.instant(rs, "last"))).one());
    }
}
