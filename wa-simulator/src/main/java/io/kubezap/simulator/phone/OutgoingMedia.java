package io.kubezap.simulator.phone;

import io.kubezap.simulator.media.MediaType;

/**
 * A file a phone's owner sends: the bytes, how to label them, optionally the message it replies to,
 * and what the phone's own player or camera knows about it (duration, size; any of them may be null).
 */
public record OutgoingMedia(MediaType type, byte[] data, String mimeType, String fileName, String caption, String quotedMessageId,
                            Dimensions dimensions) {
    public record Dimensions(Integer seconds, Integer width, Integer height) {
        public static final Dimensions NONE = new Dimensions(null, null, null);
    }

    public OutgoingMedia {
        if (type == null) {
            throw new IllegalArgumentException("A media message needs a type: image, video, audio, voice, document or sticker");
        }
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("A media message needs media.data (base64, not empty)");
        }
        dimensions = dimensions == null ? Dimensions.NONE : dimensions;
    }

    public String effectiveMimeType() {
        return mimeType == null || mimeType.isBlank() ? type.defaultMimeType() : mimeType;
    }
}
