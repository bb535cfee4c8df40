package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.MessageContent;
import it.auties.protobuf.stream.ProtobufInputStream;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageContainerBuilder;

import java.util.Optional;

/**
 * Albums on Cobalt, as WhatsApp's apps send them: a first message ({@code albumMessage}, 83) saying how many photos and
 * videos follow, then each photo or video associated to it ({@link MessageContexts#MEDIA_ALBUM}). Cobalt 0.0.10 models
 * neither; the replaced {@code MessageContainer} and {@code DeviceContextInfo} of {@code cobalt-patches} carry their
 * bytes, read and written here.
 */
final class Albums {

    private static final int IMAGES = 2;
    private static final int VIDEOS = 3;

    private Albums() {
    }

    /** The album's first message. */
    static MessageContainer first(MessageContent.Album album) {
        var counts = new ProtobufWriter().varint(IMAGES, album.expectedImageCount()).varint(VIDEOS, album.expectedVideoCount());
        return new MessageContainerBuilder().albumMessage(counts.bytes()).deviceInfo(MessageContexts.withSecret().build()).build();
    }

    /** {@code media} as an item of the album this account sent in {@code chatJid} as {@code albumId}. */
    static MessageContainer item(MessageContainer media, String chatJid, String albumId) {
        return media.withDeviceInfo(MessageContexts.associated(MessageContexts.MEDIA_ALBUM, chatJid, albumId));
    }

    /** The counts of a received album's first message. */
    static MessageContent.Album read(byte[] albumMessage) {
        var in = ProtobufInputStream.fromBytes(albumMessage);
        int images = 0;
        int videos = 0;
        while (in.readTag()) {
            switch (in.index()) {
                case IMAGES -> images = in.readInt32();
                case VIDEOS -> videos = in.readInt32();
                default -> in.readUnknown(false);
            }
        }
        return new MessageContent.Album(images, videos);
    }

    /** The id of the album's first message a received photo or video names; empty when it is in no album. */
    static Optional<String> albumId(MessageContainer message) {
        return MessageContexts.parent(message, MessageContexts.MEDIA_ALBUM).map(MessageContexts.ParentKey::id);
    }
}
