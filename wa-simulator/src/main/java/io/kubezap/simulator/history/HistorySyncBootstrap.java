package io.kubezap.simulator.history;

import io.kubezap.simulator.protobuf.ProtobufWriter;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.zip.DeflaterOutputStream;

/**
 * The history sync messages a phone sends its companions, as {@code Message}s whose {@code protocolMessage} (field
 * 12) is a {@code HISTORY_SYNC_NOTIFICATION} (type 5) with a {@code HistorySyncNotification} (field 6). The
 * {@code HistorySync} it announces is zlib-deflated and either carried inline
 * ({@code initialHistBootstrapInlinePayload}, field 11: the push names alone, for a phone with no past conversations
 * or a companion that asked for no history) or, as real phones send conversations, encrypted with "WhatsApp History
 * Keys" and uploaded to the media host, the notification naming the blob (media key, direct path, hashes, length).
 */
public final class HistorySyncBootstrap {
    private static final int PROTOCOL_HISTORY_SYNC_NOTIFICATION = 5;
    public static final int INITIAL_BOOTSTRAP = 0;
    public static final int FULL = 2;
    public static final int RECENT = 3;
    public static final int ON_DEMAND = 6;
    public static final int COMPLETE = 100;
    /** A field number {@code HistorySync} does not use. */
    private static final int UNKNOWN_PADDING_FIELD = 99;
    private static final int LENGTH_DELIMITED = 2;
    /** {@code HistorySync.nctSalt} (whatsmeow's {@code WAWebProtobufsHistorySync.proto}). */
    private static final int NCT_SALT = 19;

    private HistorySyncBootstrap() {
    }

    /** The inline bootstrap (unpadded {@code Message}) for an account whose JID is {@code accountJid} and push name {@code pushName}. */
    public static byte[] message(String accountJid, String pushName) {
        return message(accountJid, pushName, null);
    }

    /** As above, with the account's NCT salt ({@code nctSalt}, 19), from which its companions derive client-side tokens. */
    public static byte[] message(String accountJid, String pushName, byte[] nctSalt) {
        var historySync = new ProtobufWriter()
                .uint32(1, INITIAL_BOOTSTRAP)
                .uint32(6, COMPLETE)
                .message(7, pushNames(accountJid, pushName));
        if (nctSalt != null) {
            historySync.bytes(NCT_SALT, nctSalt);
        }
        var notification = new ProtobufWriter()
                .uint32(6, INITIAL_BOOTSTRAP)
                .uint32(7, 0)
                .uint32(9, COMPLETE)
                .bytes(11, deflate(historySync.toByteArray()));
        return wrap(notification);
    }

    /**
     * A {@code HistorySync} (deflated, ready to encrypt) of {@code syncType} holding {@code conversations}, each with
     * the given slice of its messages; the push names of the account only with the initial bootstrap; and the
     * {@code phoneNumberToLidMappings} (15: {@code pnJid}, {@code lidJid}) of every phone-number chat it carries, so a
     * client's LID store knows each contact it has history with. {@code lidOf}: an account's LID by its number JID.
     */
    public static byte[] historySync(int syncType, List<Slice> conversations, int chunkOrder, int progress,
                                     String accountJid, String pushName, Function<Jid, Jid> lidOf) {
        return historySync(syncType, conversations, chunkOrder, progress, accountJid, pushName, lidOf, chat -> Optional.empty());
    }

    /**
     * As above, each conversation also with its privacy-token fields ({@code tcToken} 21, {@code tcTokenTimestamp} 22,
     * {@code tcTokenSenderTimestamp} 28) from {@code tokensOf}, as a phone hands its companions the tokens of its chats.
     */
    public static byte[] historySync(int syncType, List<Slice> conversations, int chunkOrder, int progress,
                                     String accountJid, String pushName, Function<Jid, Jid> lidOf,
                                     Function<PastChat, Optional<ChatToken>> tokensOf) {
        return deflate(undeflated(syncType, conversations, chunkOrder, progress, accountJid, pushName, lidOf, tokensOf));
    }

    /** As above; the initial bootstrap also with the account's NCT salt ({@code nctSalt}, 19), as whatsmeow reads it. */
    public static byte[] historySync(int syncType, List<Slice> conversations, int chunkOrder, int progress,
                                     String accountJid, String pushName, Function<Jid, Jid> lidOf,
                                     Function<PastChat, Optional<ChatToken>> tokensOf, byte[] nctSalt) {
        var undeflated = undeflated(syncType, conversations, chunkOrder, progress, accountJid, pushName, lidOf, tokensOf);
        if (syncType != INITIAL_BOOTSTRAP || nctSalt == null) {
            return deflate(undeflated);
        }
        // a protobuf message is the concatenation of its fields
        var salt = new ProtobufWriter().bytes(NCT_SALT, nctSalt).toByteArray();
        var whole = java.util.Arrays.copyOf(undeflated, undeflated.length + salt.length);
        System.arraycopy(salt, 0, whole, undeflated.length, salt.length);
        return deflate(whole);
    }

    /**
     * The trusted-contact token a conversation's contact gave the account ({@code token}, its time) and when the account
     * last gave its own (0: never).
     */
    public record ChatToken(byte[] token, long timestamp, long senderTimestamp) {
    }

    /**
     * An inflate bomb: the {@code HistorySync} {@link #historySync} would send (not a bootstrap), followed by a field no
     * client knows holding {@code paddingBytes} zero bytes, deflated as it is written; it weighs a thousandth of what it
     * inflates to. A decoder that skips unknown fields reads the conversations once it has inflated it all.
     */
    public static byte[] inflatingBeyond(int syncType, List<Slice> conversations, long paddingBytes) {
        var output = new ByteArrayOutputStream();
        try (var deflater = new DeflaterOutputStream(output)) {
            deflater.write(undeflated(syncType, conversations, 0, COMPLETE, null, null, null, chat -> Optional.empty()));
            writeVarint(deflater, (UNKNOWN_PADDING_FIELD << 3) | LENGTH_DELIMITED);
            writeVarint(deflater, paddingBytes);
            var zeros = new byte[1 << 16];
            for (long left = paddingBytes; left > 0; left -= zeros.length) {
                deflater.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
        } catch (java.io.IOException impossible) {
            throw new java.io.UncheckedIOException(impossible);
        }
        return output.toByteArray();
    }

    private static void writeVarint(java.io.OutputStream output, long value) throws java.io.IOException {
        while ((value & ~0x7FL) != 0) {
            output.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        output.write((int) value);
    }

    /** {@code lidOf} null: no {@code phoneNumberToLidMappings}. */
    private static byte[] undeflated(int syncType, List<Slice> conversations, int chunkOrder, int progress,
                                     String accountJid, String pushName, Function<Jid, Jid> lidOf,
                                     Function<PastChat, Optional<ChatToken>> tokensOf) {
        var historySync = new ProtobufWriter().uint32(1, syncType);
        conversations.forEach(slice -> historySync.message(2, conversation(slice, lidOf, tokensOf)));
        historySync.uint32(5, chunkOrder).uint32(6, progress);
        if (syncType == INITIAL_BOOTSTRAP) {
            historySync.message(7, pushNames(accountJid, pushName));
        }
        if (lidOf != null) {
            conversations.stream().map(slice -> slice.chat().jid()).filter(HistorySyncBootstrap::isPhoneNumber).distinct()
                    .forEach(number -> historySync.message(15, new ProtobufWriter().string(1, number.toString())
                            .string(2, lidOf.apply(number).toString())));
        }
        return historySync.toByteArray();
    }

    private static boolean isPhoneNumber(Jid chat) {
        return JidServer.whatsapp().equals(chat.server());
    }

    /** One conversation of a chunk: the chat and the messages of it this chunk carries (oldest first). */
    public record Slice(PastChat chat, List<PastMessage> messages) {
    }

    /** Where the uploaded blob is and how to open it. */
    public record Blob(byte[] fileSha256, long fileLength, byte[] mediaKey, byte[] fileEncSha256, String directPath) {
    }

    /**
     * The notification (unpadded {@code Message}) of an uploaded {@code HistorySync}; {@code peerDataRequestSessionId}
     * names the on-demand request it answers (null for the others).
     */
    public static byte[] notification(Blob blob, int syncType, int chunkOrder, int progress, long oldestSeconds,
                                      String peerDataRequestSessionId) {
        var notification = new ProtobufWriter()
                .bytes(1, blob.fileSha256())
                .uint64(2, blob.fileLength())
                .bytes(3, blob.mediaKey())
                .bytes(4, blob.fileEncSha256())
                .string(5, blob.directPath())
                .uint32(6, syncType)
                .uint32(7, chunkOrder)
                .uint32(9, progress)
                .uint64(10, oldestSeconds);
        if (peerDataRequestSessionId != null) {
            notification.string(12, peerDataRequestSessionId);
        }
        return wrap(notification);
    }

    private static byte[] wrap(ProtobufWriter notification) {
        var protocolMessage = new ProtobufWriter()
                .uint32(2, PROTOCOL_HISTORY_SYNC_NOTIFICATION)
                .message(6, notification);
        return new ProtobufWriter().message(12, protocolMessage).toByteArray();
    }

    private static ProtobufWriter pushNames(String accountJid, String pushName) {
        return new ProtobufWriter().string(1, accountJid).string(2, pushName);
    }

    /**
     * {@code Conversation}: id, messages ({@code HistorySyncMsg}), unread count, timestamp, name, archived, pinned, mute end,
     * its privacy tokens and, for a chat with a phone number, the contact's LID ({@code lidJid}, 42).
     */
    private static ProtobufWriter conversation(Slice slice, Function<Jid, Jid> lidOf, Function<PastChat, Optional<ChatToken>> tokensOf) {
        var chat = slice.chat();
        var conversation = new ProtobufWriter().string(1, chat.jid().toString());
        long order = 0;
        for (var message : slice.messages()) {
            conversation.message(2, new ProtobufWriter().message(1, webMessageInfo(chat, message)).uint64(2, ++order));
        }
        conversation.uint32(6, chat.unreadCount());
        var last = chat.messages().isEmpty() ? 0 : chat.messages().getLast().at().getEpochSecond();
        conversation.uint64(12, last);
        if (chat.name() != null) {
            conversation.string(13, chat.name());
        }
        if (chat.archived()) {
            conversation.uint32(16, 1);
        }
        if (chat.pinnedAtSeconds() > 0) {
            conversation.uint32(24, (int) chat.pinnedAtSeconds());
        }
        if (chat.mutedUntilSeconds() > 0) {
            conversation.uint64(25, chat.mutedUntilSeconds());
        }
        tokensOf.apply(chat).ifPresent(token -> {
            conversation.bytes(21, token.token()).uint64(22, token.timestamp());
            if (token.senderTimestamp() > 0) {
                conversation.uint64(28, token.senderTimestamp());
            }
        });
        if (lidOf != null && isPhoneNumber(chat.jid())) {
            conversation.string(42, lidOf.apply(chat.jid()).toString());
        }
        return conversation;
    }

    /** {@code WebMessageInfo}: key (chat, fromMe, id), message, timestamp, push name of the sender. */
    private static ProtobufWriter webMessageInfo(PastChat chat, PastMessage message) {
        var key = new ProtobufWriter().string(1, chat.jid().toString()).uint32(2, message.fromMe() ? 1 : 0).string(3, message.id());
        var info = new ProtobufWriter().message(1, key).bytes(2, message.message()).uint64(3, message.at().getEpochSecond());
        if (!message.fromMe() && chat.name() != null) {
            info.string(19, chat.name());
        }
        return info;
    }

    private static byte[] deflate(byte[] data) {
        var output = new ByteArrayOutputStream();
        try (var deflater = new DeflaterOutputStream(output)) {
            deflater.write(data);
        } catch (java.io.IOException impossible) {
            throw new java.io.UncheckedIOException(impossible);
        }
        return output.toByteArray();
    }
}
