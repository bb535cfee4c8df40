package io.kubezap.session.engine.cobalt;

import it.auties.protobuf.stream.ProtobufInputStream;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.crypto.SessionCipher;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.ChatMessageInfoBuilder;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.ChatMessageKeyBuilder;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageContainerSpec;
import it.auties.whatsapp.model.message.model.MessageStatus;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.model.signal.message.SignalMessage;
import it.auties.whatsapp.model.signal.message.SignalPreKeyMessage;
import org.jboss.logging.Logger;

import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * Reads one-to-one messages from a linked identity ({@code from="<lid>@lid"}), which Cobalt 0.0.10 cannot: its
 * {@code MessageHandler.decodeChatMessage} takes every sender not on {@code s.whatsapp.net} for a group and gives up
 * for want of a {@code participant}, before decrypting or acknowledging anything. Here the message is decrypted with
 * Cobalt's own Signal store (a Signal address is user and device, so the LID's session is its own), kept in Cobalt's
 * chat like any message (so replies can quote it), and acknowledged as Cobalt's other messages are.
 */
final class LidMessages {

    private static final Logger LOG = Logger.getLogger(LidMessages.class);

    private static final int ATTEMPTS = 10;
    private static final long RETRY_MILLIS = 200;

    private final Object signalLock = new Object();

    /**
     * Cobalt calls node listeners each on its own thread, so a sender's second message can come here before the
     * first (the pre-key message that opens the session): a message that does not decrypt yet is tried again.
     */
    Optional<ChatMessageInfo> read(Whatsapp client, Node node) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return readOnce(client, node);
            } catch (RuntimeException notYet) {
                if (attempt == ATTEMPTS) {
                    throw notYet;
                }
                Thread.sleep(RETRY_MILLIS);
            }
        }
    }

    private Optional<ChatMessageInfo> readOnce(Whatsapp client, Node node) {
        var from = node.attributes().getOptionalJid("from").orElseThrow();
        var id = node.attributes().getString("id");
        var self = client.store().jid().map(Jid::toSimpleJid).orElse(null);
        if (self == null) {
            return Optional.empty();
        }
        var info = new ChatMessageInfoBuilder()
                .key(new ChatMessageKeyBuilder().id(id).chatJid(from.toSimpleJid()).senderJid(from.toSimpleJid()).fromMe(false).build())
                .senderJid(from.toSimpleJid())
                .pushName(node.attributes().getOptionalString("notify").orElse(null))
                .timestampSeconds(node.attributes().getLong("t"))
                .status(MessageStatus.DELIVERED)
                .message(decryptInTurn(client, from, node))
                .build();
        var chat = client.store().findChatByJid(info.chatJid()).orElseGet(() -> client.store().addNewChat(info.chatJid()));
        info.setChat(chat);
        chat.addNewMessage(info);
        acknowledge(client, node, from, id);
        return Optional.of(info);
    }

    private MessageContainer decryptInTurn(Whatsapp client, Jid from, Node node) {
        synchronized (signalLock) {
            return decrypt(client, from, node);
        }
    }

    private static MessageContainer decrypt(Whatsapp client, Jid from, Node node) {
        var enc = node.findChild("enc");
        var bytes = enc.flatMap(Node::contentAsBytes);
        if (bytes.isEmpty()) {
            return MessageContainer.empty();
        }
        var cipher = new SessionCipher(from.toSignalAddress(), client.keys());
        var type = enc.get().attributes().getString("type", "");
        var plaintext = switch (type) {
            case "pkmsg" -> cipher.decrypt(SignalPreKeyMessage.ofSerialized(bytes.get()));
            case "msg" -> cipher.decrypt(SignalMessage.ofSerialized(bytes.get()));
            default -> throw new IllegalArgumentException("Unsupported encrypted message type " + type + " from " + from);
        };
        // the last byte says how many bytes of padding end the plaintext
        var length = plaintext.length - plaintext[plaintext.length - 1];
        return MessageContainerSpec.decode(ProtobufInputStream.fromBytes(plaintext, 0, length)).unbox();
    }

    /**
     * The server redelivers a message until it is acknowledged: Cobalt's kind of ack, which the acknowledgement hold
     * sends as the delivery receipt once the message is stored ({@link DeliveryReceipts}), as for Cobalt's own.
     */
    private static void acknowledge(Whatsapp client, Node node, Jid from, String id) {
        var ack = new LinkedHashMap<String, Object>();
        ack.put("id", id);
        ack.put("to", from.toSimpleJid());
        ack.put("class", "message");
        node.attributes().getOptionalString("type").ifPresent(type -> ack.put("type", type));
        try {
            RawNodes.sendWithoutAnswer(client, Node.of("ack", ack));
        } catch (RuntimeException notSent) {
            LOG.debugf(notSent, "Could not acknowledge message %s from %s", id, from);
        }
    }
}
