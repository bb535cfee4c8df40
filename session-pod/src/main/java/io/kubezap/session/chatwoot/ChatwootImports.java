package io.kubezap.session.chatwoot;

import io.kubezap.session.db.Handle;
import io.kubezap.session.db.SessionDb;

import java.time.Duration;
import java.time.Instant;

/**
 * Queues the phone's past messages for import into Chatwoot ({@code spec.chatwoot.importMessages}), in the caller's
 * transaction: every history message of a mirrored chat sent in the last {@code daysLimitImportMessages} days that
 * Chatwoot does not have yet and that is not queued already. Run with each stored history batch and once at the first
 * link to an inbox (for history stored before Chatwoot was configured); a message is queued at most once, and leaves
 * the queue only in the transaction that records its Chatwoot id (V80).
 */
final class ChatwootImports {

    private ChatwootImports() {
    }

    /** Messages of these chats are mirrored: one-to-one chats, by phone number or LID, and groups. */
    static final String MIRRORED_CHATS = "(m.chat_jid like '%@s.whatsapp.net' or m.chat_jid like '%@lid' or m.chat_jid like '%@g.us')";

    static int queue(SessionDb db, Handle handle, int daysLimit, Instant at) {
        return db.update(handle, """
                        insert into chatwoot_imports (namespace, session, message_id, sent_at, queued_at)
                        select m.namespace, m.session, m.id, m.created_at, :at from messages m
                        where m.namespace = :ns and m.session = :session and m.history and m.created_at >= :since
                          and %s
                          and not exists (select 1 from chatwoot_messages c
                                          where c.namespace = m.namespace and c.session = m.session and c.message_id = m.id)
                        on conflict do nothing""".formatted(MIRRORED_CHATS))
                .bind("at", at).bind("since", at.minus(Duration.ofDays(daysLimit))).execute();
    }
}
