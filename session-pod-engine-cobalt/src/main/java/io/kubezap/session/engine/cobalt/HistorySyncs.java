package io.kubezap.session.engine.cobalt;

import io.kubezap.cobalt.media.MediaCipher;
import io.kubezap.cobalt.media.MediaTransfer;
import io.kubezap.cobalt.media.WhatsAppMediaHosts;
import io.kubezap.contract.HistoryDepth;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.HistoryBlob;
import io.kubezap.session.engine.HistoryConversation;
import it.auties.protobuf.stream.ProtobufInputStream;
import it.auties.whatsapp.model.chat.Chat;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.MessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.media.AttachmentType;
import it.auties.whatsapp.model.message.server.ProtocolMessage;
import it.auties.whatsapp.model.sync.HistorySync;
import it.auties.whatsapp.model.sync.HistorySyncMessage;
import it.auties.whatsapp.model.sync.HistorySyncNotification;
import it.auties.whatsapp.model.sync.HistorySyncSpec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.InflaterInputStream;

/**
 * Reads the phone's history syncs of conversations (bootstrap, recent, full, on demand): the notification names an
 * encrypted blob on WhatsApp's media host (or carries it inline), a zlib-deflated {@code HistorySync}. Each becomes one
 * {@link EngineEvent.HistorySynced}, whose messages are never announced as received. The blob is fetched as media are
 * ({@link MediaTransfer}: the session's route, bounded waits, hashes and MAC checked), so that a blob that cannot be
 * had now is known by its {@link HistoryBlob} and read again later.
 */
final class HistorySyncs {

    /** The first field of a {@code HistorySync}, its type: {@code ON_DEMAND} (6), which Cobalt 0.0.10's enum lacks. */
    private static final byte[] ON_DEMAND_TYPE = {0x08, 0x06};
    private static final byte[] DECODABLE_TYPE = {0x08, 0x03};
    private static final String ON_DEMAND = "on-demand";
    private static final String HISTORY_KEYS = AttachmentType.HISTORY_SYNC.keyName().orElseThrow();
    /** The most a blob whose notification declares no length may weigh. */
    private static final long UNDECLARED_MAX_BYTES = 64L << 20;
    private static final int MAX_INFLATED_BYTES = HistoryBlob.MAX_INFLATED_BYTES;

    private HistorySyncs() {
    }

    /**
     * The notification {@code message} carries, if it is a history sync of conversations from the account's own phone.
     * Anyone who knows the number can send one: as whatsmeow and WhatsApp Web do, one from anywhere else (a contact, a
     * group, another companion) is not a history sync, only a message the adapter ignores and acknowledges.
     */
    static Optional<HistorySyncNotification> notification(MessageInfo<?> message) {
        return message instanceof ChatMessageInfo chat && chat.message().content() instanceof ProtocolMessage protocol
                && protocol.protocolType() == ProtocolMessage.Type.HISTORY_SYNC_NOTIFICATION
                && chat.message().category() == it.auties.whatsapp.model.message.model.Message.Category.STANDARD
                && fromOwnPhone(chat)
                ? protocol.historySyncNotification() : Optional.empty();
    }

    /** Sent by the account's primary device (device 0, the phone) in the account's own chat, not by a contact or in a group. */
    static boolean fromOwnPhone(ChatMessageInfo message) {
        var sender = message.senderJid();
        return message.fromMe() && sender != null && sender.device() == 0
                && (sender.hasServer(JidServer.whatsapp()) || sender.hasServer(JidServer.user()))
                && message.chatJid() != null && message.chatJid().toSimpleJid().equals(sender.toSimpleJid());
    }

    /** A history sync blob that inflates beyond {@link #MAX_INFLATED_BYTES}: never read, whenever it is tried. */
    static final class TooLarge extends IllegalArgumentException {
        TooLarge() {
            super("the history sync blob inflates beyond " + (MAX_INFLATED_BYTES >> 20) + " MiB");
        }
    }

    /** Where the batch {@code notification} announces lives, when it is a blob on the media host (not inline). */
    static Optional<HistoryBlob> blob(String notificationId, HistorySyncNotification notification) {
        if (notification.initialHistBootstrapInlinePayload().isPresent() || notification.mediaDirectPath().isEmpty()) {
            return Optional.empty();
        }
        var syncType = notification.syncType() == null ? ON_DEMAND : wire(notification.syncType());
        return Optional.of(new HistoryBlob(notificationId, syncType, notification.chunkOrder() == null ? 0 : notification.chunkOrder(),
                notification.progress(), notification.mediaDirectPath().get(), base64(notification.mediaKey()),
                base64(notification.mediaSha256()), base64(notification.mediaEncryptedSha256()),
                notification.mediaSize().orElse(0)));
    }

    /**
     * The batch {@code notification} announces, downloaded (through {@code proxy}, null: the JVM's routing) and decoded;
     * empty when the session asked for no history.
     *
     * @param self the account's own JID (the sender of what the phone's owner wrote)
     */
    static Optional<EngineEvent.HistorySynced> read(String notificationId, HistorySyncNotification notification,
                                                     HistoryDepth depth, Jid self, Instant now, URI proxy) {
        return read(notificationId, notification, depth, self, now, proxy, inflated -> {
        });
    }

    /** As above; {@code inflatedSeen} reads the batch's inflated bytes first (for what Cobalt's model leaves out). */
    static Optional<EngineEvent.HistorySynced> read(String notificationId, HistorySyncNotification notification,
                                                     HistoryDepth depth, Jid self, Instant now, URI proxy,
                                                     Consumer<byte[]> inflatedSeen) {
        if (depth == HistoryDepth.None) {
            return Optional.empty();
        }
        var inline = notification.initialHistBootstrapInlinePayload();
        if (inline.isPresent()) {
            return Optional.of(batch(seen(inflated(bytes(inline.get())), inflatedSeen), notification.syncType() == null, self, now));
        }
        return read(blob(notificationId, notification).orElseThrow(
                () -> new IllegalArgumentException("the history sync notification names no blob")), depth, self, now, proxy, inflatedSeen);
    }

    /** The batch {@code blob} holds, downloaded and decoded; empty when the session asked for no history. */
    static Optional<EngineEvent.HistorySynced> read(HistoryBlob blob, HistoryDepth depth, Jid self, Instant now, URI proxy) {
        return read(blob, depth, self, now, proxy, inflated -> {
        });
    }

    static Optional<EngineEvent.HistorySynced> read(HistoryBlob blob, HistoryDepth depth, Jid self, Instant now, URI proxy,
                                                     Consumer<byte[]> inflatedSeen) {
        if (depth == HistoryDepth.None) {
            return Optional.empty();
        }
        return Optional.of(batch(seen(inflated(download(blob, proxy)), inflatedSeen), ON_DEMAND.equals(blob.syncType()), self, now));
    }

    private static byte[] seen(byte[] inflated, Consumer<byte[]> inflatedSeen) {
        inflatedSeen.accept(inflated);
        return inflated;
    }

    private static EngineEvent.HistorySynced batch(byte[] inflated, boolean onDemand, Jid self, Instant now) {
        var sync = decode(inflated, onDemand);
        var conversations = sync.conversations().stream().map(chat -> conversation(chat, self, now)).toList();
        return new EngineEvent.HistorySynced(onDemand ? ON_DEMAND : wire(sync.syncType()), sync.chunkOrder(), sync.progress(),
                conversations, HistoryAddresses.of(inflated));
    }

    private static String wire(HistorySync.Type type) {
        return switch (type) {
            case INITIAL_BOOTSTRAP -> "bootstrap";
            case RECENT -> "recent";
            case FULL -> "full";
            default -> type.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static byte[] download(HistoryBlob blob, URI proxy) {
        try {
            var size = blob.size() > 0 ? blob.size() : UNDECLARED_MAX_BYTES;
            return MediaTransfer.downloadMedia(WhatsAppMediaHosts.locate(null, blob.directPath()), proxy,
                    MediaTransfer.encryptedLength(size), body -> {
                        var plain = new ByteArrayOutputStream();
                        MediaCipher.decrypt(body, plain, Base64.getDecoder().decode(blob.mediaKey()), HISTORY_KEYS,
                                decoded(blob.fileEncSha256()), decoded(blob.fileSha256()));
                        return plain.toByteArray();
                    });
        } catch (IOException failed) {
            throw new UncheckedIOException("The history sync blob could not be downloaded: " + failed.getMessage(), failed);
        }
    }

    private static byte[] inflated(byte[] deflated) {
        try (InputStream inflating = new InflaterInputStream(new ByteArrayInputStream(deflated))) {
            var inflated = inflating.readNBytes(MAX_INFLATED_BYTES + 1);
            if (inflated.length > MAX_INFLATED_BYTES) {
                throw new TooLarge();
            }
            return inflated;
        } catch (IOException corrupt) {
            throw new UncheckedIOException("The history sync blob does not inflate", corrupt);
        }
    }

    private static HistorySync decode(byte[] sync, boolean onDemand) {
        if (onDemand && sync.length >= 2 && sync[0] == ON_DEMAND_TYPE[0] && sync[1] == ON_DEMAND_TYPE[1]) {
            sync = sync.clone();
            System.arraycopy(DECODABLE_TYPE, 0, sync, 0, DECODABLE_TYPE.length);
        }
        return HistorySyncSpec.decode(ProtobufInputStream.fromBytes(sync));
    }

    private static HistoryConversation conversation(Chat chat, Jid self, Instant now) {
        var messages = chat.messages().stream().map(HistorySyncMessage::messageInfo)
                .filter(info -> IncomingMessageMapper.isUserMessage(info))
                .map(info -> IncomingMessageMapper.from(info, now))
                .map(message -> message.fromMe() && self != null ? withSender(message, self.toSimpleJid().toString()) : message)
                .toList();
        var mute = chat.mute() == null ? 0 : chat.mute().endTimeStamp();
        return new HistoryConversation(chat.jid().toString(), chat.hasName() ? chat.name() : null, chat.unreadMessagesCount(),
                chat.archived(), chat.pinnedTimestampSeconds() > 0 ? Instant.ofEpochSecond(chat.pinnedTimestampSeconds()) : null,
                mute > 0 ? Instant.ofEpochSecond(mute) : null, messages,
                chat.timestampSeconds() > 0 ? Instant.ofEpochSecond(chat.timestampSeconds()) : null);
    }

    private static EngineEvent.IncomingMessage withSender(EngineEvent.IncomingMessage message, String sender) {
        return new EngineEvent.IncomingMessage(message.id(), message.chatJid(), sender, message.pushName(), message.content(),
                message.quotedMessageId(), message.mentions(), message.timestamp(), true, message.traits());
    }

    private static String base64(Optional<byte[]> bytes) {
        return bytes.map(Base64.getEncoder()::encodeToString).orElse(null);
    }

    private static byte[] decoded(String base64) {
        return base64 == null ? null : Base64.getDecoder().decode(base64);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        var copy = buffer.duplicate();
        var bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
