package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.MessageRef;
import io.kubezap.session.engine.SendFailedException;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.crypto.SessionCipher;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.socket.SocketHandler;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Asks the phone for older messages of one chat: a peer message to the account's own phone (device 0) holding a
 * {@code protocolMessage} of type {@code PEER_DATA_OPERATION_REQUEST_MESSAGE} (16) whose request is a
 * {@code HISTORY_SYNC_ON_DEMAND} (3) naming the chat and its oldest message this session has, as WhatsApp Web and
 * whatsmeow's {@code BuildHistorySyncRequest} ask. Cobalt 0.0.10 has no model for it, so the message is written,
 * padded and Signal-encrypted here; the phone answers later with an on-demand history sync ({@link HistorySyncs}).
 */
final class HistoryRequests {

    private static final int PROTOCOL_MESSAGE = 12;
    private static final int PEER_DATA_OPERATION_REQUEST_MESSAGE = 16;
    private static final int HISTORY_SYNC_ON_DEMAND = 3;
    private static final SecureRandom RANDOM = new SecureRandom();

    private HistoryRequests() {
    }

    /** Sends the request; completes once it left, with the request's message id. */
    static CompletionStage<String> request(Whatsapp client, MessageRef oldest, Instant oldestAt, int count) {
        var self = client == null || !client.isConnected() ? null : client.store().jid().orElse(null);
        if (self == null) {
            return CompletableFuture.failedFuture(new SendFailedException("WhatsApp is not connected", true, null));
        }
        try {
            var phone = Jid.of(self.user(), JidServer.whatsapp());
            var encrypted = new SessionCipher(phone.toSignalAddress(), client.keys()).encrypt(padded(message(oldest, oldestAt, count)));
            var id = SocketHandler.randomSid().toUpperCase(java.util.Locale.ROOT);
            var enc = Node.of("enc", Map.of("v", "2", "type", encrypted.type()), encrypted.message());
            RawNodes.sendWithoutAnswer(client, Node.of("message", Map.of("id", id, "to", phone, "type", "text",
                    "category", "peer", "push_priority", "high_force"), enc));
            return CompletableFuture.completedFuture(id);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(new SendFailedException("History not requested: " + refused.getMessage(), true, refused));
        }
    }

    /** {@code Message.protocolMessage.peerDataOperationRequestMessage.historySyncOnDemandRequest}. */
    static byte[] message(MessageRef oldest, Instant oldestAt, int count) {
        var onDemand = new ProtobufWriter().string(1, oldest.chatJid()).string(2, oldest.messageId())
                .varint(3, oldest.fromMe() ? 1 : 0).varint(4, count).varint(5, oldestAt.toEpochMilli());
        var request = new ProtobufWriter().varint(1, HISTORY_SYNC_ON_DEMAND).bytes(4, onDemand.bytes());
        var protocol = new ProtobufWriter().varint(2, PEER_DATA_OPERATION_REQUEST_MESSAGE)
                .bytes(PEER_DATA_OPERATION_REQUEST_MESSAGE, request.bytes());
        return new ProtobufWriter().bytes(PROTOCOL_MESSAGE, protocol.bytes()).bytes();
    }

    /** WhatsApp's padding: 1 to 16 bytes, each holding their count. */
    private static byte[] padded(byte[] message) {
        var pad = 1 + RANDOM.nextInt(16);
        var padded = java.util.Arrays.copyOf(message, message.length + pad);
        java.util.Arrays.fill(padded, message.length, padded.length, (byte) pad);
        return padded;
    }
}
