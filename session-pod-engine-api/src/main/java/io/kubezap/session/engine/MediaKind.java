package io.kubezap.session.engine;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The media kinds WhatsApp has, as the API names them ({@code "type"} of a message). */
public enum MediaKind {
    IMAGE("image/jpeg"),
    VIDEO("video/mp4"),
    AUDIO("audio/mpeg"),
    /** A voice note (push-to-talk audio), shown with a waveform and played inline. */
    VOICE("audio/ogg; codecs=opus"),
    DOCUMENT("application/octet-stream"),
    STICKER("image/webp");

    private final String defaultMimeType;

    MediaKind(String defaultMimeType) {
        this.defaultMimeType = defaultMimeType;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String defaultMimeType() {
        return defaultMimeType;
    }

    public static Optional<MediaKind> fromWire(String type) {
        return Arrays.stream(values()).filter(kind -> kind.wire().equals(type)).findFirst();
    }
}
