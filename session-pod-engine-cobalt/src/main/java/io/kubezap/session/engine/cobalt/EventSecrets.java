package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.MessageContent;
import it.auties.protobuf.stream.ProtobufInputStream;
import it.auties.whatsapp.controller.Store;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.DeviceContextInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageContainerBuilder;

import javax.crypto.Cipher;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

/**
 * What is sealed with a calendar event's secret: guests' answers ({@code encEventResponseMessage}) and the creator's
 * edits and cancellation ({@code secretEncryptedMessage} of type {@code EVENT_EDIT}), by {@link SecretCipher}. The event, and so its secret, is looked up in Cobalt's store, which keeps the
 * messages this session sent (a file in Volume mode, a row in Database mode).
 */
final class EventSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int EVENT_MESSAGE = 75;
    private static final int EVENT_EDIT = 1;
    private static final List<String> ANSWERS = List.of("UNKNOWN", "GOING", "NOT_GOING", "MAYBE");

    private EventSecrets() {
    }

    /** The guest's answer ({@code GOING}, {@code NOT_GOING}, {@code MAYBE}) and the event's id; empty when it does not open. */
    static Optional<Answer> answer(ChatMessageInfo info, byte[] encEventResponse, Store store) {
        var sealed = Sealed.read(encEventResponse);
        var event = find(store, info.chatJid(), sealed.targetId());
        var secret = event.flatMap(EventSecrets::secret);
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        // sealed for the guest and the creator as the guest's phone names them: by LID or by number (PollVotes)
        var creators = PollVotes.asCameAndByNumber(event.get().senderJid().toSimpleJid().toString());
        return PollVotes.voters(info, event.get()).stream().flatMap(guest -> creators.stream()
                        .flatMap(creator -> opened(sealed, secret.get(), creator, guest).stream()))
                .findFirst();
    }

    private static Optional<Answer> opened(Sealed sealed, byte[] secret, String creator, String guest) {
        try {
            var opened = SecretCipher.of(Cipher.DECRYPT_MODE, secret, sealed.targetId(), creator, guest,
                    SecretCipher.EVENT_RESPONSE, sealed.iv()).doFinal(sealed.payload());
            var in = ProtobufInputStream.fromBytes(opened);
            int type = 0;
            while (in.readTag()) {
                if (in.index() == 1) {
                    type = in.readInt32();
                } else {
                    in.readUnknown(false);
                }
            }
            return type > 0 && type < ANSWERS.size() ? Optional.of(new Answer(sealed.targetId(), ANSWERS.get(type))) : Optional.empty();
        } catch (GeneralSecurityException notForThisEvent) {
            return Optional.empty();
        }
    }

    /** The creator's change of its event {@code eventId} in {@code chat}: {@code event} sealed with the event's secret. */
    static MessageContainer edit(Store store, Jid chat, String eventId, MessageContent.Event event) {
        var original = find(store, chat, eventId)
                .orElseThrow(() -> new IllegalStateException("Event " + eventId + " is not in the engine's store"));
        var secret = secret(original).orElseThrow(() -> new IllegalStateException("Event " + eventId + " has no secret"));
        var self = original.senderJid().toSimpleJid().toString();
        var iv = new byte[12];
        RANDOM.nextBytes(iv);
        var plaintext = new ProtobufWriter().bytes(EVENT_MESSAGE, CalendarEvents.bytes(event)).bytes();
        try {
            var payload = SecretCipher.of(Cipher.ENCRYPT_MODE, secret, eventId, self, self, SecretCipher.EVENT_EDIT, iv)
                    .doFinal(plaintext);
            var key = new ProtobufWriter().string(1, chat.toString()).varint(2, 1).string(3, eventId).bytes();
            var sealed = new ProtobufWriter().bytes(1, key).bytes(2, payload).bytes(3, iv).varint(4, EVENT_EDIT).bytes();
            return new MessageContainerBuilder().secretEncryptedMessage(sealed).build();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static Optional<ChatMessageInfo> find(Store store, Jid chat, String id) {
        return store.findChatByJid(chat).flatMap(found -> store.findMessageById(found, id))
                .or(() -> store.chats().stream().filter(any -> !any.jid().hasServer(JidServer.groupOrCommunity()))
                        .flatMap(any -> store.findMessageById(any, id).stream()).findFirst());
    }

    private static Optional<byte[]> secret(ChatMessageInfo event) {
        return event.message().deviceInfo().flatMap(DeviceContextInfo::messageSecret);
    }

    /** A guest's answer to the event {@code eventId}. */
    record Answer(String eventId, String answer) {
    }

    /** {@code encEventResponseMessage}: the event's key (its id), the sealed payload and its IV. */
    private record Sealed(String targetId, byte[] payload, byte[] iv) {
        static Sealed read(byte[] message) {
            var in = ProtobufInputStream.fromBytes(message);
            String id = null;
            byte[] payload = new byte[0];
            byte[] iv = new byte[0];
            while (in.readTag()) {
                switch (in.index()) {
                    case 1 -> id = idOf(MessageContexts.key(in.readLengthDelimited()));
                    case 2 -> payload = bytes(in.readBytes());
                    case 3 -> iv = bytes(in.readBytes());
                    default -> in.readUnknown(false);
                }
            }
            return new Sealed(id, payload, iv);
        }

        private static String idOf(MessageContexts.ParentKey key) {
            return key == null ? null : key.id();
        }

        private static byte[] bytes(java.nio.ByteBuffer buffer) {
            var bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }
    }
}
