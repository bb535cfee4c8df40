package io.kubezap.simulator.appstate;

import io.kubezap.simulator.protobuf.ProtobufWriter;

import java.time.Instant;

/**
 * A change the phone's owner makes to a chat or a label, as WhatsApp records it in the app state: its collection, its
 * index, and its {@code SyncActionValue} (field numbers of WhatsApp's public schema: star 2, mute 4, pin 5, label edit
 * 14, label association 15, archive 17, mark read 20, clear 21, delete 22).
 */
public sealed interface PhoneAction {

    String collection();

    String index();

    /** The {@code SyncActionValue}'s own fields, without its timestamp. */
    ProtobufWriter action();

    default byte[] value(Instant at) {
        var value = new ProtobufWriter().uint64(1, at.toEpochMilli());
        var action = action();
        return concat(value.toByteArray(), action.toByteArray());
    }

    private static byte[] concat(byte[] first, byte[] second) {
        var all = new byte[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    record Archive(String chat, boolean archived) implements PhoneAction {
        public String collection() {
            return "regular_low";
        }

        public String index() {
            return JsonIndex.of("archive", chat);
        }

        public ProtobufWriter action() {
            return new ProtobufWriter().message(17, new ProtobufWriter().uint32(1, archived ? 1 : 0));
        }
    }

    record Pin(String chat, boolean pinned) implements PhoneAction {
        public String collection() {
            return "regular_low";
        }

        public String index() {
            return JsonIndex.of("pin_v1", chat);
        }

        public ProtobufWriter action() {
            return new ProtobufWriter().message(5, new ProtobufWriter().uint32(1, pinned ? 1 : 0));
        }
    }

    /** {@code muteEndMillis}: when the mute ends, -1 for ever; 0 unmutes. */
    record Mute(String chat, long muteEndMillis) implements PhoneAction {
        public String collection() {
            return "regular_high";
        }

        public String index() {
            return JsonIndex.of("mute", chat);
        }

        public ProtobufWriter action() {
            return new ProtobufWriter().message(4, new ProtobufWriter().uint32(1, muteEndMillis != 0 ? 1 : 0)
                    .uint64(2, muteEndMillis));
        }
    }

    record MarkRead(String chat, boolean read) implements PhoneAction {
        public String collection() {
            return "regular_low";
        }

        public String index() {
            return JsonIndex.of("markChatAsRead", chat);
        }

        public ProtobufWriter action() {
            return new ProtobufWriter().message(20, new ProtobufWriter().uint32(1, read ? 1 : 0));
        }
    }

    record Star(String chat, String messageId, boolean fromMe, boolean starred) implements PhoneAction {
        public String collection() {
            return "regular_high";
        }

        public String index() {
            return JsonIndex.of("star", chat, messageId, fromMe ? "1" : "0", "0");
        }

        public ProtobufWriter action() {
            return new ProtobufWriter().message(2, new ProtobufWriter().uint32(1, starred ? 1 : 0));
        }
    }

    record DeleteChat(String chat) implements PhoneAction {
        public String collection() {
            return "regular_high";
        }

        public String index() {
            return JsonIndex.of("deleteChat", chat, "1");
        }

        public ProtobufWriter action() {
            return new ProtobufWriter().message(22, new ProtobufWriter());
        }
    }

    record ClearChat(String chat) implements PhoneAction {
        public String collection() {
            return "regular_high";
        }

        public String index() {
            return JsonIndex.of("clearChat", chat, "0", "0");
        }

        public ProtobufWriter action() {
            return new ProtobufWriter().message(21, new ProtobufWriter());
        }
    }

    record EditLabel(String labelId, String name, int color, boolean deleted) implements PhoneAction {
        public String collection() {
            return "regular";
        }

        public String index() {
            return JsonIndex.of("label_edit", labelId);
        }

        public ProtobufWriter action() {
            return new ProtobufWriter().message(14, new ProtobufWriter().string(1, name).uint32(2, color)
                    .uint32(4, deleted ? 1 : 0));
        }
    }

    record LabelChat(String labelId, String chat, boolean labeled) implements PhoneAction {
        public String collection() {
            return "regular";
        }

        public String index() {
            return JsonIndex.of("label_jid", labelId, chat);
        }

        public ProtobufWriter action() {
            return new ProtobufWriter().message(15, new ProtobufWriter().uint32(1, labeled ? 1 : 0));
        }
    }
}
