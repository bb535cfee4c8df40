package io.kubezap.session.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.db.Handle;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.MessageRef;
import io.kubezap.session.engine.MessageUpdate;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/** {@code pending_message_updates}: updates whose message is not stored yet, kept until it is. */
@Singleton
public class PendingUpdateRepository {

    private final SessionDb db;
    /** The application's mapper, naming each kind of update in {@code kind} as the stored rows always have. */
    private final ObjectMapper pending;

    public PendingUpdateRepository(SessionDb db, ObjectMapper json) {
        this.db = db;
        this.pending = json.copy().addMixIn(MessageUpdate.class, StoredKinds.class);
    }

    public void keep(Handle handle, EngineEvent.MessageUpdated update, Instant receivedAt) {
        db.update(handle, """
                        insert into pending_message_updates (namespace, session, chat_jid, target_id, update_id, actor_jid,
                                                             from_me, payload, at, received_at)
                        values (:ns, :session, :chat, :target, :updateId, :actor, :fromMe, cast(:payload as jsonb), :at, :receivedAt)""")
                .bind("chat", update.target().chatJid()).bind("target", update.target().messageId())
                .bind("updateId", update.updateId()).bind("actor", update.actorJid()).bind("fromMe", update.fromMe())
                .bind("payload", write(update.update())).bind("at", update.at()).bind("receivedAt", receivedAt)
                .execute();
    }

    /** The updates waiting for this message, in the order they happened; removed from the table. */
    public List<EngineEvent.MessageUpdated> take(Handle handle, Message message) {
        return db.query(handle, """
                        delete from pending_message_updates
                        where namespace = :ns and session = :session and chat_jid = :chat and target_id = :target
                        returning update_id, actor_jid, from_me, payload, at""")
                .bind("chat", message.chat()).bind("target", message.waMessageId())
                .map(rs -> new EngineEvent.MessageUpdated(rs.getString("update_id"),
                        new MessageRef(message.chat(), message.waMessageId(), message.fromMe(), message.from()),
                        rs.getString("actor_jid"), rs.getBoolean("from_me"), read(rs.getString("payload")),
                        SessionDb.instant(rs, "at")))
                .list().stream()
                .sorted(java.util.Comparator.comparing(EngineEvent.MessageUpdated::at))
                .toList();
    }

    private String write(MessageUpdate update) {
        try {
            return pending.writerFor(MessageUpdate.class).writeValueAsString(update);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private MessageUpdate read(String payload) {
        try {
            return pending.readValue(payload, MessageUpdate.class);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("unreadable pending update " + payload, corrupt);
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = MessageUpdate.Reaction.class, name = "reaction"),
            @JsonSubTypes.Type(value = MessageUpdate.Edit.class, name = "edit"),
            @JsonSubTypes.Type(value = MessageUpdate.Revoke.class, name = "revoke"),
            @JsonSubTypes.Type(value = MessageUpdate.PollVote.class, name = "vote"),
            @JsonSubTypes.Type(value = MessageUpdate.HdCopy.class, name = "hdCopy")})
    private interface StoredKinds {
    }
}
