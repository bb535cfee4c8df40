package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.engine.MessageContent;
import it.auties.protobuf.stream.ProtobufInputStream;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.message.model.ChatMessageKey;
import it.auties.whatsapp.model.message.model.ChatMessageKeyBuilder;
import it.auties.whatsapp.model.message.model.MediaMessage;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageContainerBuilder;
import it.auties.whatsapp.model.message.model.MessageContainerSpec;
import it.auties.whatsapp.model.jid.Jid;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Photos and videos in HD on Cobalt, as WhatsApp's apps send them: the standard-quality copy as any photo or video,
 * then the original in a message of its own holding it in {@code associatedChildMessage} (91) and naming the copy by
 * its key in {@code messageContextInfo.messageAssociation} ({@code HD_IMAGE_DUAL_UPLOAD} or {@code HD_VIDEO_DUAL_UPLOAD}).
 * Cobalt 0.0.10 models neither field (the replaced classes of {@code cobalt-patches} carry their bytes) and uploads
 * only the media of a message it models, so the original is uploaded here with the replaced {@code Medias}.
 */
final class HdOriginals {

    private static final int CHILD_MESSAGE = 1;

    private HdOriginals() {
    }

    /** The original's own message id, made from the standard copy's: a send made again reuses both. */
    static String originalId(String standardId) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(("hd:" + standardId).getBytes(StandardCharsets.UTF_8));
            return "3EB0" + HexFormat.of().formatHex(digest).substring(0, 18).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** {@code original} (a photo or video Cobalt built, not yet uploaded) uploaded, as the message naming the copy. */
    static CompletableFuture<MessageContainer> upload(Whatsapp client, MessageContainer original, Jid chat, String standardId) {
        if (!(original.content() instanceof MediaMessage<?> media) || media.decodedMedia().isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("an HD original is a photo or a video"));
        }
        return MediaUploads.upload(client, media).thenApply(uploaded ->
                carrying(original, chat, standardId, uploaded.mediaType() == MediaMessage.Type.VIDEO));
    }

    private static MessageContainer carrying(MessageContainer original, Jid chat, String standardId, boolean video) {
        var child = new ProtobufWriter().bytes(CHILD_MESSAGE, MessageContainerSpec.encode(original)).bytes();
        return new MessageContainerBuilder().associatedChildMessage(child).deviceInfo(MessageContexts.associated(
                video ? MessageContexts.HD_VIDEO_DUAL_UPLOAD : MessageContexts.HD_IMAGE_DUAL_UPLOAD, chat.toString(), standardId)).build();
    }

    /** A received HD original: the key of the standard copy it names (as its sender wrote it) and the original. */
    record Received(ChatMessageKey standardCopy, MessageContent.Media original) {
    }

    /** The HD original {@code message} carries; empty when it is none. */
    static Optional<Received> received(MessageContainer message, Jid chat) {
        var child = message.associatedChildMessage();
        var parent = MessageContexts.parent(message, MessageContexts.HD_IMAGE_DUAL_UPLOAD, MessageContexts.HD_VIDEO_DUAL_UPLOAD);
        if (child.isEmpty() || parent.isEmpty()) {
            return Optional.empty();
        }
        var standardCopy = new ChatMessageKeyBuilder().id(parent.get().id()).chatJid(chat).fromMe(parent.get().fromMe()).build();
        return childMessage(child.get()).map(MessageContainer::content).map(IncomingMessageMapper::content)
                .filter(MessageContent.Media.class::isInstance).map(MessageContent.Media.class::cast)
                .filter(media -> media.kind() == MediaKind.IMAGE || media.kind() == MediaKind.VIDEO)
                .map(original -> new Received(standardCopy, original));
    }

    private static Optional<MessageContainer> childMessage(byte[] associatedChild) {
        var in = ProtobufInputStream.fromBytes(associatedChild);
        MessageContainer message = null;
        while (in.readTag()) {
            if (in.index() == CHILD_MESSAGE) {
                message = MessageContainerSpec.decode(in.readLengthDelimited());
            } else {
                in.readUnknown(false);
            }
        }
        return Optional.ofNullable(message);
    }
}
