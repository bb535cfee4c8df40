package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.MessageContent;
import it.auties.protobuf.stream.ProtobufInputStream;
import it.auties.whatsapp.controller.Store;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.DeviceContextInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageContainerBuilder;

import javax.crypto.Cipher;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What is sealed with a calendar event's secret: guests' answers ({@code encEventResponseMessage}) and the creator's
 * edits and cancellation ({@code secretEncryptedMessage} of type {@code EVENT_EDIT}), by {@link SecretCipher}. The
 * secret of an event this session sends is kept ({@link #keep}) in the store's own properties, by the event's id: the
 * store file is what both storage modes persist (Database mode copies the {@code keys} and {@code store} files into
 * PostgreSQL), while Cobalt's chats, where its sent message lies, are files of their own that Database mode does not
 * copy and that Cobalt writes only now and then, so a restart on an emptied data directory, or a SIGKILL, lost the
 * secret there (EventSecretRestartIT). An event still in Cobalt's chats (a phone's, say) is read from there.
 */
final class EventSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int EVENT_MESSAGE = 75;
    private static final int EVENT_EDIT = 1;
    /** The store's property that keeps the secret of the event with the id that follows it. */
    private static final String PROPERTY = "kubezap.event-secret.";
    private static final List<String> ANSWERS = List.of("UNKNOWN", "GOING", "NOT_GOING", "MAYBE");

    private EventSecrets() {
    }

    /** The guest's answer ({@code GOING}, {@code NOT_GOING}, {@code MAYBE}) and the event's id; empty when it does not open. */
    static Optional<Answer> answer(ChatMessageInfo info, byte[] encEventResponse, Store store) {
        var sealed = Sealed.read(encEventResponse);
        var event = Kept.of(store, info.chatJid(), sealed.targetId());
        if (event.isEmpty()) {
            return Optional.empty();
        }
        // sealed for the guest and the creator as the guest's phone names them: by LID or by number (PollVotes)
        var creators = PollVotes.asCameAndByNumber(event.get().creator());
        return PollVotes.voters(info, event.get().chat()).stream().flatMap(guest -> creators.stream()
                        .flatMap(creator -> opened(sealed, event.get().secret(), creator, guest).stream()))
                .findFirst();
    }

    /** Keeps the secret of {@code message}, when it is an event this session sends as {@code id}, with the store. */
    static void keep(Store store, String id, MessageContainer message) {
        if (message.eventMessage().isPresent()) {
            message.deviceInfo().flatMap(DeviceContextInfo::messageSecret)
                    .ifPresent(secret -> store.addProperties(Map.of(PROPERTY + id, Base64.getEncoder().encodeToString(secret))));
        }
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
        var original = Kept.of(store, chat, eventId)
                .orElseThrow(() -> new IllegalStateException("Event " + eventId + " or its secret is not in the engine's store"));
        var secret = original.secret();
        var self = original.creator();
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

    /** An event's chat, its creator's address and its secret: from Cobalt's chats, or kept with the store ({@link #keep}). */
    private record Kept(Jid chat, String creator, byte[] secret) {
        static Optional<Kept> of(Store store, Jid chat, String id) {
            return find(store, chat, id).flatMap(event -> event.message().deviceInfo().flatMap(DeviceContextInfo::messageSecret)
                            .map(secret -> new Kept(event.chatJid(), event.senderJid().toSimpleJid().toString(), secret)))
                    .or(() -> Optional.ofNullable(store.properties().get(PROPERTY + id)).flatMap(kept -> store.jid()
                            .map(self -> new Kept(chat, self.toSimpleJid().toString(), Base64.getDecoder().decode(kept)))));
        }
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
