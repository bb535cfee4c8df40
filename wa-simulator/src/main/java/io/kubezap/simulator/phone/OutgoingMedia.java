package io.kubezap.simulator.phone;

import io.kubezap.simulator.media.MediaType;

/** A file a phone's owner sends: the bytes, how to label them, and optionally the message it replies to. */
public record OutgoingMedia(MediaType type, byte[] data, String mimeType, String fileName, String caption, String quotedMessageId) {
    public OutgoingMedia {
        if (type == null) {
            throw new IllegalArgumentException("A media message needs a type: image, video, audio, voice, document or sticker");
        }
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("A media message needs media.data (base64, not empty)");
        }
    }

    public String effectiveMimeType() {
        return mimeType == null || mimeType.isBlank() ? type.defaultMimeType() : mimeType;
    }
}
