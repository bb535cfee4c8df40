package io.kubezap.session.engine.cobalt;

import it.auties.protobuf.stream.ProtobufInputStream;
import it.auties.whatsapp.model.info.DeviceContextInfo;
import it.auties.whatsapp.model.info.DeviceContextInfoBuilder;
import it.auties.whatsapp.model.message.model.MessageContainer;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * What WhatsApp's apps put in a message's {@code messageContextInfo} that Cobalt 0.0.10 does not model: a fresh 32-byte
 * secret on every message they send, and the {@code messageAssociation} (10) tying a message to another of its
 * sender's (an album's item to the album's first message, an HD original to its standard copy) by that one's key.
 * The replaced {@code DeviceContextInfo} of {@code cobalt-patches} carries the association's bytes.
 */
final class MessageContexts {

    static final int MEDIA_ALBUM = 1;
    static final int HD_VIDEO_DUAL_UPLOAD = 5;
    static final int HD_IMAGE_DUAL_UPLOAD = 10;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SECRET_LENGTH = 32;
    private static final int ASSOCIATION_TYPE = 1;
    private static final int PARENT_KEY = 2;
    private static final int KEY_CHAT = 1;
    private static final int KEY_FROM_ME = 2;
    private static final int KEY_ID = 3;

    private MessageContexts() {
    }

    /** A context with a fresh secret. */
    static DeviceContextInfoBuilder withSecret() {
        var secret = new byte[SECRET_LENGTH];
        RANDOM.nextBytes(secret);
        return new DeviceContextInfoBuilder().messageSecret(secret);
    }

    /** A context with a fresh secret, associating its message ({@code type}) to the account's own {@code parentId} in {@code chat}. */
    static DeviceContextInfo associated(int type, String chat, String parentId) {
        var key = new ProtobufWriter().string(KEY_CHAT, chat).varint(KEY_FROM_ME, 1).string(KEY_ID, parentId);
        var association = new ProtobufWriter().varint(ASSOCIATION_TYPE, type).bytes(PARENT_KEY, key.bytes());
        return withSecret().messageAssociation(association.bytes()).build();
    }

    /** The message {@code message} is associated to as {@code type}; empty when it is not. */
    static Optional<ParentKey> parent(MessageContainer message, int... types) {
        return message.deviceInfo().flatMap(DeviceContextInfo::messageAssociation).flatMap(association -> {
            var in = ProtobufInputStream.fromBytes(association);
            int type = 0;
            ParentKey parent = null;
            while (in.readTag()) {
                switch (in.index()) {
                    case ASSOCIATION_TYPE -> type = in.readInt32();
                    case PARENT_KEY -> parent = key(in.readLengthDelimited());
                    default -> in.readUnknown(false);
                }
            }
            var associatedAs = type;
            return java.util.Arrays.stream(types).anyMatch(wanted -> wanted == associatedAs) ? Optional.ofNullable(parent) : Optional.empty();
        });
    }

    /** A {@code MessageKey}'s id and whether its author is the one who wrote the key; null without an id. */
    static ParentKey key(ProtobufInputStream in) {
        String id = null;
        boolean fromMe = false;
        while (in.readTag()) {
            switch (in.index()) {
                case KEY_FROM_ME -> fromMe = in.readBool();
                case KEY_ID -> id = in.readString().toString();
                default -> in.readUnknown(false);
            }
        }
        return id == null ? null : new ParentKey(id, fromMe);
    }

    /** A message named by its key: its id, and {@code fromMe} as the key's writer sees it. */
    record ParentKey(String id, boolean fromMe) {
    }
}
