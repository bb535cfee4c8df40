package io.kubezap.simulator.appstate;

import io.kubezap.simulator.noise.Crypto;
import io.kubezap.simulator.protobuf.ProtobufWriter;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A change the phone's owner makes to a chat or a label, as WhatsApp records it in the app state: its collection, its
 * index, and the action it puts in the {@code SyncActionValue} (at {@code field}: star 2, mute 4, pin 5, label edit 14,
 * label association 15, archive 17, mark read 20, clear 21, delete 22 — WhatsApp's public schema); or, with no action,
 * the {@code REMOVE} of what the index holds.
 */
public record PhoneAction(String collection, String index, int field, ProtobufWriter action) {
    private static final Map<String, String> COLLECTION_OF_TYPE = Map.ofEntries(
            Map.entry("archive", "regular_low"), Map.entry("pin_v1", "regular_low"), Map.entry("markChatAsRead", "regular_low"),
            Map.entry("mute", "regular_high"), Map.entry("star", "regular_high"), Map.entry("deleteChat", "regular_high"),
            Map.entry("clearChat", "regular_high"), Map.entry("label_edit", "regular"), Map.entry("label_jid", "regular"),
            Map.entry("label_message", "regular"), Map.entry("contact", AccountAppState.CONTACTS_COLLECTION),
            Map.entry("setting_pushName", AccountAppState.PUSH_NAME_COLLECTION));

    /**
     * The {@code REMOVE} of {@code index} (e.g. {@code ["star", chat, id, "0", "0"]}) from the collection WhatsApp keeps
     * its type in.
     *
     * @throws IllegalArgumentException for an index type WhatsApp does not use
     */
    public static PhoneAction remove(List<String> index) {
        var collection = index.isEmpty() ? null : COLLECTION_OF_TYPE.get(index.getFirst());
        if (collection == null) {
            throw new IllegalArgumentException("no app-state collection holds index " + index);
        }
        return new PhoneAction(collection, JsonIndex.of(index.toArray(String[]::new)), 0, null);
    }

    boolean removes() {
        return action == null;
    }

    /** The index's parts, e.g. {@code ["archive", "5511…@s.whatsapp.net"]}. */
    List<String> parts() {
        return JsonIndex.parse(index);
    }

    public static PhoneAction archive(String chat, boolean archived) {
        return new PhoneAction("regular_low", JsonIndex.of("archive", chat), 17, flag(archived));
    }

    public static PhoneAction pin(String chat, boolean pinned) {
        return new PhoneAction("regular_low", JsonIndex.of("pin_v1", chat), 5, flag(pinned));
    }

    /** {@code muteEndMillis}: when the mute ends, -1 for ever; 0 unmutes. */
    public static PhoneAction mute(String chat, long muteEndMillis) {
        return new PhoneAction("regular_high", JsonIndex.of("mute", chat), 4, flag(muteEndMillis != 0).uint64(2, muteEndMillis));
    }

    public static PhoneAction markRead(String chat, boolean read) {
        return new PhoneAction("regular_low", JsonIndex.of("markChatAsRead", chat), 20, flag(read));
    }

    public static PhoneAction star(String chat, String messageId, boolean fromMe, boolean starred) {
        return new PhoneAction("regular_high", JsonIndex.of("star", chat, messageId, fromMe ? "1" : "0", "0"), 2, flag(starred));
    }

    public static PhoneAction deleteChat(String chat) {
        return new PhoneAction("regular_high", JsonIndex.of("deleteChat", chat, "1"), 22, new ProtobufWriter());
    }

    /** WhatsApp's index: the chat, whether its starred messages go too ("1"; "0" keeps them, the phone's default), media. */
    public static PhoneAction clearChat(String chat, boolean deleteStarred) {
        return new PhoneAction("regular_high", JsonIndex.of("clearChat", chat, deleteStarred ? "1" : "0", "0"), 21, new ProtobufWriter());
    }

    public static PhoneAction editLabel(String labelId, String name, int color, boolean deleted) {
        return new PhoneAction("regular", JsonIndex.of("label_edit", labelId), 14,
                new ProtobufWriter().string(1, name).uint32(2, color).uint32(4, deleted ? 1 : 0));
    }

    public static PhoneAction labelChat(String labelId, String chat, boolean labeled) {
        return new PhoneAction("regular", JsonIndex.of("label_jid", labelId, chat), 15, flag(labeled));
    }

    /** A label put on (or taken off) one message of a chat: WhatsApp's {@code label_message} index. */
    public static PhoneAction labelMessage(String labelId, String chat, String messageId, boolean fromMe, boolean labeled) {
        return new PhoneAction("regular", JsonIndex.of("label_message", labelId, chat, messageId, fromMe ? "1" : "0", "0"), 15,
                flag(labeled));
    }

    /** The {@code SyncActionValue}: its timestamp (milliseconds) and the action. */
    byte[] value(Instant at) {
        return Crypto.concat(new ProtobufWriter().uint64(1, at.toEpochMilli()).toByteArray(),
                new ProtobufWriter().message(field, action).toByteArray());
    }

    /** An action whose field 1 is its one flag (archived, pinned, muted, read, starred, labeled). */
    private static ProtobufWriter flag(boolean value) {
        return new ProtobufWriter().uint32(1, value ? 1 : 0);
    }
}
