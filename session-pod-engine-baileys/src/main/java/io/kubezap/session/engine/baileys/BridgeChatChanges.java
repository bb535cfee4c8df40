package io.kubezap.session.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubezap.session.engine.ChatChange;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.LabelChange;

import java.time.Instant;

/**
 * A chat's app state both ways through the bridge (PROTOCOL.md): a {@link ChatChange} as the Baileys
 * {@code ChatModification} of a {@code chatModify} request, and the bridge's {@code chat} and {@code label} events as
 * {@link EngineEvent.ChatChanged} and {@link EngineEvent.LabelEdited}.
 */
final class BridgeChatChanges {

    private BridgeChatChanges() {
    }

    /** Baileys' {@code ChatModification} for {@code change}. */
    static ObjectNode modification(ChatChange change) {
        var modification = JsonNodeFactory.instance.objectNode();
        switch (change) {
            case ChatChange.Archive archive -> modification.put("archive", archive.archived());
            case ChatChange.Pin pin -> modification.put("pin", pin.pinned());
            case ChatChange.Mute mute -> {
                if (mute.until() == null) {
                    modification.putNull("mute");
                } else {
                    modification.put("mute", mute.until().equals(ChatChange.MUTED_FOREVER) ? -1 : mute.until().toEpochMilli());
                }
            }
            case ChatChange.MarkRead mark -> modification.put("markRead", mark.read());
            case ChatChange.Delete ignored -> modification.put("delete", true);
            case ChatChange.Clear clear -> modification.put("clear", true).put("keepStarred", clear.keepStarred());
            case ChatChange.Star star -> {
                var starring = modification.putObject("star").put("star", star.starred());
                starring.putArray("messages").addObject().put("id", star.messageId()).put("fromMe", star.fromMe());
            }
            case ChatChange.Label label -> {
                String kind = (label.labeled() ? "add" : "remove") + (label.messageId() == null ? "ChatLabel" : "MessageLabel");
                var labeling = modification.putObject(kind).put("labelId", label.labelId());
                if (label.messageId() != null) {
                    labeling.put("messageId", label.messageId());
                }
            }
            case ChatChange.Conversation ignored -> throw new IllegalArgumentException("a history conversation is not sent");
        }
        return modification;
    }

    /** Baileys' {@code ChatModification} creating, changing or deleting a label. */
    static ObjectNode modification(LabelChange label) {
        var modification = JsonNodeFactory.instance.objectNode();
        modification.putObject("addLabel").put("id", label.id()).put("name", label.name()).put("color", label.color())
                .put("deleted", label.deleted());
        return modification;
    }

    /** A {@code chat} event: one change of one chat, made on the phone (or another companion). */
    static EngineEvent.ChatChanged chatChanged(JsonNode line) {
        ChatChange change = change(line);
        return change == null ? null
                : new EngineEvent.ChatChanged(line.path("chat").asText(), change, Instant.ofEpochMilli(line.path("at").asLong()));
    }

    private static ChatChange change(JsonNode line) {
        if (line.has("archived")) {
            return new ChatChange.Archive(line.path("archived").asBoolean());
        }
        if (line.has("pinned")) {
            return new ChatChange.Pin(line.path("pinned").asBoolean());
        }
        if (line.has("muteEndTime")) {
            return new ChatChange.Mute(BridgeHistory.mutedUntil(line.path("muteEndTime").asLong()));
        }
        if (line.has("read")) {
            return new ChatChange.MarkRead(line.path("read").asBoolean());
        }
        if (line.path("deleted").asBoolean()) {
            return new ChatChange.Delete();
        }
        if (line.path("cleared").asBoolean()) {
            return new ChatChange.Clear(line.path("keepStarred").asBoolean());
        }
        if (line.has("star")) {
            JsonNode star = line.get("star");
            return new ChatChange.Star(star.path("id").asText(), star.path("fromMe").asBoolean(), null, star.path("starred").asBoolean());
        }
        if (line.has("label")) {
            JsonNode label = line.get("label");
            return new ChatChange.Label(label.path("id").asText(), BridgeEvents.text(label, "messageId"), label.path("labeled").asBoolean());
        }
        return null;
    }

    /** A {@code label} event: a label created, changed or deleted on the phone. */
    static EngineEvent.LabelEdited labelEdited(JsonNode line) {
        return new EngineEvent.LabelEdited(new LabelChange(line.path("id").asText(), line.path("name").asText(),
                line.path("color").asInt(), line.path("deleted").asBoolean()), Instant.ofEpochMilli(line.path("at").asLong()));
    }
}
