package io.kubezap.session.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.session.engine.ChatChange;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.HistoryBlob;
import io.kubezap.session.engine.HistoryConversation;

import java.time.Instant;
import java.util.ArrayList;

/** The bridge's {@code history} event (PROTOCOL.md): a batch of the phone's history, as the Cobalt adapter reports one. */
final class BridgeHistory {

    /** Beyond this, a mute end WhatsApp wrote is in milliseconds, not seconds. */
    private static final long MILLISECOND_TIMES = 100_000_000_000L;

    private BridgeHistory() {
    }

    /** The batch, or null when it holds no conversation (the push names alone). */
    static EngineEvent.HistorySynced batch(JsonNode line) {
        var conversations = new ArrayList<HistoryConversation>();
        line.path("conversations").forEach(chat -> conversations.add(conversation(chat)));
        if (conversations.isEmpty()) {
            return null;
        }
        JsonNode progress = line.get("progress");
        var addresses = new ArrayList<EngineEvent.AddressLearned>();
        line.path("addresses").forEach(pair -> addresses.add(new EngineEvent.AddressLearned(pair.path("lid").asText(),
                pair.path("pn").asText(), "history")));
        return new EngineEvent.HistorySynced(line.path("syncType").asText(), line.path("chunkOrder").asInt(),
                progress == null || progress.isNull() ? null : progress.asInt(), conversations, addresses);
    }

    /** The bridge's {@code historyDeferred} event: where the batch that could not be read now lives, to be read later. */
    static HistoryBlob blob(JsonNode line) {
        JsonNode blob = line.path("blob");
        JsonNode progress = blob.get("progress");
        return new HistoryBlob(line.path("id").asText(), blob.path("syncType").asText(), blob.path("chunkOrder").asInt(),
                progress == null || progress.isNull() ? null : progress.asInt(), blob.path("directPath").asText(),
                BridgeEvents.text(blob, "mediaKey"), BridgeEvents.text(blob, "fileSha256"), BridgeEvents.text(blob, "fileEncSha256"),
                blob.path("size").asLong());
    }

    /** {@code blob} as the bridge's {@code readHistory} takes it. */
    static void put(HistoryBlob blob, com.fasterxml.jackson.databind.node.ObjectNode request) {
        request.put("notificationId", blob.notificationId()).putObject("blob").put("syncType", blob.syncType())
                .put("chunkOrder", blob.chunkOrder()).put("progress", blob.progress()).put("directPath", blob.directPath())
                .put("mediaKey", blob.mediaKey()).put("fileSha256", blob.fileSha256()).put("fileEncSha256", blob.fileEncSha256())
                .put("size", blob.size());
    }

    private static HistoryConversation conversation(JsonNode chat) {
        var messages = new ArrayList<EngineEvent.IncomingMessage>();
        chat.path("messages").forEach(message -> messages.add(BridgeEvents.message(message)));
        long pinned = chat.path("pinned").asLong();
        return new HistoryConversation(chat.path("jid").asText(), BridgeEvents.text(chat, "name"), chat.path("unreadCount").asInt(),
                chat.path("archived").asBoolean(), pinned > 0 ? Instant.ofEpochSecond(pinned) : null,
                mutedUntil(chat.path("muteEndTime").asLong()), messages);
    }

    /** A mute end as WhatsApp writes it (seconds or milliseconds, -1 for ever, 0 not muted). */
    static Instant mutedUntil(long end) {
        if (end == 0) {
            return null;
        }
        if (end < 0) {
            return ChatChange.MUTED_FOREVER;
        }
        return end > MILLISECOND_TIMES ? Instant.ofEpochMilli(end) : Instant.ofEpochSecond(end);
    }
}
