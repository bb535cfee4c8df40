package io.kubezap.simulator.phone;

import io.kubezap.simulator.media.MediaType;

/**
 * A file a phone's owner sends: the bytes, how to label them, optionally the message it replies to,
 * and what the phone's own player or camera knows about it (duration, size; any of them may be null); {@code viewOnce}:
 * the recipient may open it once.
 */
public record OutgoingMedia(MediaType type, byte[] data, String mimeType, String fileName, String caption, String quotedMessageId,
                            Dimensions dimensions, Locator locator, boolean viewOnce) {
    /** What the phone's app writes besides the file: length, size, a voice note's waveform, a JPEG thumbnail. */
    public record Dimensions(Integer seconds, Integer width, Integer height, byte[] waveform, byte[] thumbnail) {
        public static final Dimensions NONE = new Dimensions(null, null, null);

        public Dimensions(Integer seconds, Integer width, Integer height) {
            this(seconds, width, height, null, null);
        }
    }

    /**
     * What a hostile phone writes into the message instead of what the upload gave: the locator travels inside the
     * end-to-end encrypted message, so WhatsApp cannot vet it. A null field keeps the upload's value, an empty
     * {@code url} or {@code directPath} leaves the field out.
     */
    public record Locator(String url, String directPath, Long fileLength) {
        public static final Locator UPLOADED = new Locator(null, null, null);

        public String url(String uploaded) {
            return chosen(url, uploaded);
        }

        public String directPath(String uploaded) {
            return chosen(directPath, uploaded);
        }

        public long fileLength(long actual) {
            return fileLength == null ? actual : fileLength;
        }

        private static String chosen(String given, String uploaded) {
            if (given == null) {
                return uploaded;
            }
            return given.isEmpty() ? null : given;
        }
    }

    public OutgoingMedia(MediaType type, byte[] data, String mimeType, String fileName, String caption, String quotedMessageId,
                         Dimensions dimensions) {
        this(type, data, mimeType, fileName, caption, quotedMessageId, dimensions, Locator.UPLOADED);
    }

    public OutgoingMedia(MediaType type, byte[] data, String mimeType, String fileName, String caption, String quotedMessageId,
                         Dimensions dimensions, Locator locator) {
        this(type, data, mimeType, fileName, caption, quotedMessageId, dimensions, locator, false);
    }

    public OutgoingMedia {
        if (type == null) {
            throw new IllegalArgumentException("A media message needs a type: image, video, audio, voice, document or sticker");
        }
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("A media message needs media.data (base64, not empty)");
        }
        dimensions = dimensions == null ? Dimensions.NONE : dimensions;
        locator = locator == null ? Locator.UPLOADED : locator;
    }

    public String effectiveMimeType() {
        return mimeType == null || mimeType.isBlank() ? type.defaultMimeType() : mimeType;
    }
}
