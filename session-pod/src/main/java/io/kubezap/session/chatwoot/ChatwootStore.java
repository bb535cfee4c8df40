package io.kubezap.session.chatwoot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.db.Handle;
import io.kubezap.session.db.SessionDb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The connector's rows (V79): its outbox, the session's inbox, each chat's conversation, each message's Chatwoot id. */
final class ChatwootStore {

    private final SessionDb db;
    private final ObjectMapper json;

    ChatwootStore(SessionDb db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** An event waiting to be mirrored; {@code attempted}: a call to Chatwoot for it may have been made before. */
    record Pending(long eventId, String type, JsonNode payload, boolean attempted) {
    }

    record Inbox(long accountId, long inboxId, String webhookToken) {
    }

    record Conversation(String chat, long contactId, String sourceId, long conversationId) {
    }

    List<Pending> oldestPending(int limit) {
        return db.read(handle -> db.query(handle, """
                        select e.id, e.type, e.payload::text as payload, d.attempted_at is not null as attempted
                        from chatwoot_deliveries d join events e on e.id = d.event_id
                        where d.namespace = :ns and d.session = :session
                        order by d.event_id limit :limit""")
                .bind("limit", limit)
                .map(rs -> new Pending(rs.getLong("id"), rs.getString("type"), parse(rs.getString("payload")),
                        rs.getBoolean("attempted")))
                .list());
    }

    /** Written before the first call to Chatwoot for the event: after a kill, the event is looked for before it is posted again. */
    void attempting(long eventId, Instant at) {
        markAttempted(DELIVERIES, eventId, at);
    }

    void failed(long eventId, String error) {
        recordError(DELIVERIES, eventId, error);
    }

    /** The event is in Chatwoot: what it became there is recorded with the outbox row's removal, in one transaction. */
    void mirrored(long eventId, Optional<MessageLink> link) {
        done(DELIVERIES, eventId, link);
    }

    /** A kubezap message and the Chatwoot message it is. */
    record MessageLink(String messageId, String waMessageId, long conversationId, long chatwootMessageId) {
    }

    /** Records a link, or completes a known one with its WhatsApp id. */
    void link(MessageLink link) {
        db.useTransaction(handle -> upsertLink(handle, link));
    }

    private void upsertLink(Handle handle, MessageLink link) {
        db.update(handle, """
                        insert into chatwoot_messages (namespace, session, message_id, wa_message_id, conversation_id, chatwoot_message_id)
                        values (:ns, :session, :id, :wa, :conversation, :chatwoot)
                        on conflict (namespace, session, message_id) do update set wa_message_id = coalesce(excluded.wa_message_id,
                            chatwoot_messages.wa_message_id)""")
                .bind("id", link.messageId()).bind("wa", link.waMessageId()).bind("conversation", link.conversationId())
                .bind("chatwoot", link.chatwootMessageId()).execute();
    }

    Optional<MessageLink> linkOf(String messageId) {
        return linkWhere("message_id", messageId);
    }

    Optional<MessageLink> linkOfWaId(String waMessageId) {
        return linkWhere("wa_message_id", waMessageId);
    }

    Optional<MessageLink> linkOfChatwootId(long chatwootMessageId) {
        return linkWhere("chatwoot_message_id", chatwootMessageId);
    }

    /** {@code column}: one of this class's own column names, never a caller's text. */
    private Optional<MessageLink> linkWhere(String column, Object value) {
        return db.read(handle -> db.query(handle, """
                        select message_id, wa_message_id, conversation_id, chatwoot_message_id from chatwoot_messages
                        where namespace = :ns and session = :session and %s = :value limit 1""".formatted(column))
                .bind("value", value)
                .map(rs -> new MessageLink(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
                .findOne());
    }

    Optional<Inbox> inbox() {
        return db.read(handle -> db.query(handle, """
                        select account_id, inbox_id, webhook_token from chatwoot_inboxes where namespace = :ns and session = :session""")
                .map(rs -> new Inbox(rs.getLong(1), rs.getLong(2), rs.getString(3))).findOne());
    }

    /** Saves the link; {@code importDays}, on the first link only: the history already stored is queued for import with it. */
    void saveInbox(Inbox inbox, Instant at, OptionalInt importDays) {
        db.useTransaction(handle -> {
            saveInbox(handle, inbox, at);
            if (importDays.isPresent()) {
                ChatwootImports.queue(db, handle, importDays.getAsInt(), at);
            }
        });
    }

    private void saveInbox(Handle handle, Inbox inbox, Instant at) {
        db.update(handle, """
                        insert into chatwoot_inboxes (namespace, session, account_id, inbox_id, webhook_token, linked_at)
                        values (:ns, :session, :account, :inbox, :token, :at)
                        on conflict (namespace, session) do update set account_id = excluded.account_id,
                            inbox_id = excluded.inbox_id, webhook_token = excluded.webhook_token""")
                .bind("account", inbox.accountId()).bind("inbox", inbox.inboxId()).bind("token", inbox.webhookToken())
                .bind("at", at).execute();
    }

    /** A past message queued for import; {@code attempted}: a post of it may have been made before. */
    record PendingImport(String messageId, boolean attempted) {
    }

    /**
     * The oldest queued imports, once no history batch has queued anything since {@code settledBefore} (WhatsApp sends
     * a chat's history newest first, in several batches: the import waits for them, then posts oldest first).
     */
    List<PendingImport> settledImports(Instant settledBefore, int limit) {
        return db.read(handle -> db.query(handle, """
                        select message_id, attempted_at is not null as attempted from chatwoot_imports
                        where namespace = :ns and session = :session
                          and (select max(queued_at) from chatwoot_imports where namespace = :ns and session = :session) <= :settled
                        order by sent_at, message_id limit :limit""")
                .bind("settled", settledBefore).bind("limit", limit)
                .map(rs -> new PendingImport(rs.getString(1), rs.getBoolean(2)))
                .list());
    }

    /** Written before the first post of an imported message, as {@link #attempting} for events. */
    void importing(String messageId, Instant at) {
        markAttempted(IMPORTS, messageId, at);
    }

    void importFailed(String messageId, String error) {
        recordError(IMPORTS, messageId, error);
    }

    /** The message is in Chatwoot (or cannot be): its link is recorded with the queue row's removal, in one transaction. */
    void imported(String messageId, Optional<MessageLink> link) {
        done(IMPORTS, messageId, link);
    }

    /** A queue of the connector's: its table and key column (constants of this class, never a caller's text). */
    private record Queue(String table, String key) {
    }

    private static final Queue DELIVERIES = new Queue("chatwoot_deliveries", "event_id");
    private static final Queue IMPORTS = new Queue("chatwoot_imports", "message_id");

    private void markAttempted(Queue queue, Object key, Instant at) {
        db.useTransaction(handle -> db.update(handle, """
                        update %s set attempted_at = coalesce(attempted_at, :at), attempts = attempts + 1
                        where namespace = :ns and session = :session and %s = :key""".formatted(queue.table(), queue.key()))
                .bind("key", key).bind("at", at).execute());
    }

    private void recordError(Queue queue, Object key, String error) {
        db.useTransaction(handle -> db.update(handle, """
                        update %s set last_error = :error
                        where namespace = :ns and session = :session and %s = :key""".formatted(queue.table(), queue.key()))
                .bind("key", key).bind("error", error).execute());
    }

    /** What the row became in Chatwoot is recorded with the row's removal, in one transaction. */
    private void done(Queue queue, Object key, Optional<MessageLink> link) {
        db.useTransaction(handle -> {
            link.ifPresent(made -> upsertLink(handle, made));
            db.update(handle, "delete from %s where namespace = :ns and session = :session and %s = :key"
                            .formatted(queue.table(), queue.key()))
                    .bind("key", key).execute();
        });
    }

    Optional<Conversation> conversationOf(String chat) {
        return conversationWhere("chat", chat);
    }

    Optional<Conversation> conversationById(long conversationId) {
        return conversationWhere("conversation_id", conversationId);
    }

    /** {@code column}: one of this class's own column names, never a caller's text. */
    private Optional<Conversation> conversationWhere(String column, Object value) {
        return db.read(handle -> db.query(handle, """
                        select chat, contact_id, source_id, conversation_id from chatwoot_conversations
                        where namespace = :ns and session = :session and %s = :value limit 1""".formatted(column))
                .bind("value", value)
                .map(rs -> new Conversation(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getLong(4)))
                .findOne());
    }

    void saveConversation(Conversation conversation) {
        db.useTransaction(handle -> db.update(handle, """
                        insert into chatwoot_conversations (namespace, session, chat, contact_id, source_id, conversation_id)
                        values (:ns, :session, :chat, :contact, :source, :conversation)
                        on conflict (namespace, session, chat) do update set contact_id = excluded.contact_id,
                            source_id = excluded.source_id, conversation_id = excluded.conversation_id""")
                .bind("chat", conversation.chat()).bind("contact", conversation.contactId())
                .bind("source", conversation.sourceId()).bind("conversation", conversation.conversationId()).execute());
    }

    /** A conversation Chatwoot no longer has (deleted by an admin): the next message makes a new one. */
    void forgetConversation(String chat) {
        db.useTransaction(handle -> db.update(handle,
                        "delete from chatwoot_conversations where namespace = :ns and session = :session and chat = :chat")
                .bind("chat", chat).execute());
    }

    private JsonNode parse(String payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
