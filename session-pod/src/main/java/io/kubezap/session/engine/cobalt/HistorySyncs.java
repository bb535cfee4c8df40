package io.kubezap.session.engine.cobalt;

import io.kubezap.contract.HistoryDepth;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.HistoryConversation;
import it.auties.protobuf.stream.ProtobufInputStream;
import it.auties.whatsapp.model.chat.Chat;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.MessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.server.ProtocolMessage;
import it.auties.whatsapp.model.sync.HistorySync;
import it.auties.whatsapp.model.sync.HistorySyncMessage;
import it.auties.whatsapp.model.sync.HistorySyncNotification;
import it.auties.whatsapp.model.sync.HistorySyncSpec;
import it.auties.whatsapp.util.Medias;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.zip.InflaterInputStream;

/**
 * Reads the phone's history syncs of conversations (bootstrap, recent, full, on demand): the notification names an
 * encrypted blob on WhatsApp's media host (or carries it inline), a zlib-deflated {@code HistorySync}. Each becomes one
 * {@link EngineEvent.HistorySynced}, whose messages are never announced as received.
 */
final class HistorySyncs {

    /** The first field of a {@code HistorySync}, its type: {@code ON_DEMAND} (6), which Cobalt 0.0.10's enum lacks. */
    private static final byte[] ON_DEMAND_TYPE = {0x08, 0x06};
    private static final byte[] DECODABLE_TYPE = {0x08, 0x03};

    private HistorySyncs() {
    }

    /** The notification {@code message} carries, if it is a history sync of conversations. */
    static Optional<HistorySyncNotification> notification(MessageInfo<?> message) {
        return message instanceof ChatMessageInfo chat && chat.message().content() instanceof ProtocolMessage protocol
                && protocol.protocolType() == ProtocolMessage.Type.HISTORY_SYNC_NOTIFICATION
                && chat.message().category() == it.auties.whatsapp.model.message.model.Message.Category.STANDARD
                ? protocol.historySyncNotification() : Optional.empty();
    }

    /**
     * The batch {@code notification} announces, downloaded and decoded; empty when the session asked for no history.
     *
     * @param self the account's own JID (the sender of what the phone's owner wrote)
     */
    static Optional<EngineEvent.HistorySynced> read(HistorySyncNotification notification, HistoryDepth depth, Jid self,
                                                     Instant now) {
        if (depth == HistoryDepth.None) {
            return Optional.empty();
        }
        var onDemand = notification.syncType() == null;
        var sync = decode(inflated(notification), onDemand);
        var conversations = sync.conversations().stream().map(chat -> conversation(chat, self, now)).toList();
        return Optional.of(new EngineEvent.HistorySynced(onDemand ? "on-demand" : wire(sync.syncType()), sync.chunkOrder(),
                sync.progress(), conversations));
    }

    private static String wire(HistorySync.Type type) {
        return switch (type) {
            case INITIAL_BOOTSTRAP -> "bootstrap";
            case RECENT -> "recent";
            case FULL -> "full";
            default -> type.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static byte[] inflated(HistorySyncNotification notification) {
        byte[] deflated = notification.initialHistBootstrapInlinePayload().map(HistorySyncs::bytes)
                .orElseGet(() -> Medias.downloadAsync(notification, null).join());
        try (InputStream inflating = new InflaterInputStream(new ByteArrayInputStream(deflated))) {
            return inflating.readAllBytes();
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
                .filter(info -> IncomingMessages.isUserMessage(info))
                .map(info -> IncomingMessages.from(info, now))
                .map(message -> message.fromMe() && self != null ? withSender(message, self.toSimpleJid().toString()) : message)
                .toList();
        var mute = chat.mute() == null ? 0 : chat.mute().endTimeStamp();
        return new HistoryConversation(chat.jid().toString(), chat.hasName() ? chat.name() : null, chat.unreadMessagesCount(),
                chat.archived(), chat.pinnedTimestampSeconds() > 0 ? Instant.ofEpochSecond(chat.pinnedTimestampSeconds()) : null,
                mute > 0 ? Instant.ofEpochSecond(mute) : null, messages);
    }

    private static EngineEvent.IncomingMessage withSender(EngineEvent.IncomingMessage message, String sender) {
        return new EngineEvent.IncomingMessage(message.id(), message.chatJid(), sender, message.pushName(), message.content(),
                message.quotedMessageId(), message.mentions(), message.timestamp(), true, message.traits());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        var copy = buffer.duplicate();
        var bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
