package io.kubezap.session.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.MessageRef;
import io.kubezap.session.engine.MessageUpdate;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code pending_message_updates}: updates whose message is not stored yet, kept until it is. */
@Singleton
public class PendingUpdateRepository {

    private final SessionDb db;
    private final ObjectMapper json;

    public PendingUpdateRepository(SessionDb db, ObjectMapper json) {
        this.db = db;
        this.json = json;
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
                .map((rs, ctx) -> new EngineEvent.MessageUpdated(rs.getString("update_id"),
                        new MessageRef(message.chat(), message.waMessageId(), message.fromMe(), message.from()),
                        rs.getString("actor_jid"), rs.getBoolean("from_me"), read(rs.getString("payload")),
                        SessionDb.instant(rs, "at")))
                .list().stream()
                .sorted(java.util.Comparator.comparing(EngineEvent.MessageUpdated::at))
                .toList();
    }

    private String write(MessageUpdate update) {
        Map<String, Object> payload = switch (update) {
            case MessageUpdate.Reaction reaction -> Map.of("kind", "reaction", "emoji", reaction.emoji());
            case MessageUpdate.Edit edit -> Map.of("kind", "edit", "text", edit.text());
            case MessageUpdate.Revoke ignored -> Map.of("kind", "revoke");
            case MessageUpdate.PollVote vote -> Map.of("kind", "vote", "options", vote.options());
        };
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private MessageUpdate read(String payload) {
        try {
            var node = json.readTree(payload);
            return switch (node.path("kind").asText()) {
                case "reaction" -> new MessageUpdate.Reaction(node.path("emoji").asText());
                case "edit" -> new MessageUpdate.Edit(node.path("text").asText());
                case "revoke" -> new MessageUpdate.Revoke();
                case "vote" -> new MessageUpdate.PollVote(json.convertValue(node.path("options"),
                        json.getTypeFactory().constructCollectionType(List.class, String.class)));
                default -> throw new IllegalStateException("unknown pending update " + payload);
            };
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("unreadable pending update", corrupt);
        }
    }
}
