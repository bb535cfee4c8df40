package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.MessageContent;
import it.auties.protobuf.stream.ProtobufInputStream;
import it.auties.whatsapp.model.info.DeviceContextInfo;
import it.auties.whatsapp.model.info.DeviceContextInfoBuilder;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageContainerBuilder;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * Albums on Cobalt, as WhatsApp's apps send them: a first message ({@code albumMessage}, 83) saying how many photos and
 * videos follow, then each photo or video with {@code messageContextInfo.messageAssociation} (10) of type
 * {@code MEDIA_ALBUM} naming the first by its key. Cobalt 0.0.10 models neither; the replaced {@code MessageContainer}
 * and {@code DeviceContextInfo} of {@code cobalt-patches} carry their bytes, read and written here.
 */
final class Albums {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IMAGES = 2;
    private static final int VIDEOS = 3;
    private static final int ASSOCIATION_TYPE = 1;
    private static final int PARENT_KEY = 2;
    private static final int MEDIA_ALBUM = 1;
    private static final int KEY_CHAT = 1;
    private static final int KEY_FROM_ME = 2;
    private static final int KEY_ID = 3;
    private static final int SECRET_LENGTH = 32;

    private Albums() {
    }

    /** The album's first message. */
    static MessageContainer first(MessageContent.Album album) {
        var counts = new ProtobufWriter().varint(IMAGES, album.expectedImageCount()).varint(VIDEOS, album.expectedVideoCount());
        return new MessageContainerBuilder().albumMessage(counts.bytes()).deviceInfo(withSecret().build()).build();
    }

    /** {@code media} as an item of the album this account sent in {@code chatJid} as {@code albumId}. */
    static MessageContainer item(MessageContainer media, String chatJid, String albumId) {
        var key = new ProtobufWriter().string(KEY_CHAT, chatJid).varint(KEY_FROM_ME, 1).string(KEY_ID, albumId);
        var association = new ProtobufWriter().varint(ASSOCIATION_TYPE, MEDIA_ALBUM).bytes(PARENT_KEY, key.bytes());
        return media.withDeviceInfo(withSecret().messageAssociation(association.bytes()).build());
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
        return message.deviceInfo().flatMap(DeviceContextInfo::messageAssociation).flatMap(Albums::albumParent);
    }

    private static Optional<String> albumParent(byte[] association) {
        var in = ProtobufInputStream.fromBytes(association);
        int type = 0;
        String parent = null;
        while (in.readTag()) {
            switch (in.index()) {
                case ASSOCIATION_TYPE -> type = in.readInt32();
                case PARENT_KEY -> parent = keyId(in.readLengthDelimited());
                default -> in.readUnknown(false);
            }
        }
        return type == MEDIA_ALBUM ? Optional.ofNullable(parent) : Optional.empty();
    }

    private static String keyId(ProtobufInputStream key) {
        String id = null;
        while (key.readTag()) {
            if (key.index() == KEY_ID) {
                id = key.readString().toString();
            } else {
                key.readUnknown(false);
            }
        }
        return id;
    }

    /** As the apps give every message: a fresh secret. */
    private static DeviceContextInfoBuilder withSecret() {
        var secret = new byte[SECRET_LENGTH];
        RANDOM.nextBytes(secret);
        return new DeviceContextInfoBuilder().messageSecret(secret);
    }
}
