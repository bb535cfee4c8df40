package io.kubezap.simulator.media;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of media a chat message carries, with what the protocol ties to each: the HKDF info
 * string its keys are expanded with, the upload path on the media host, and the field of
 * {@code Message} that holds it. A voice note is an audio message with {@code ptt} set,
 * uploaded under {@code ptt}; a sticker is encrypted with image keys.
 */
public enum MediaType {
    IMAGE("image", "WhatsApp Image Keys", "image", 3, "image/jpeg"),
    VIDEO("video", "WhatsApp Video Keys", "video", 9, "video/mp4"),
    AUDIO("audio", "WhatsApp Audio Keys", "audio", 8, "audio/mpeg"),
    VOICE("voice", "WhatsApp Audio Keys", "ptt", 8, "audio/ogg; codecs=opus"),
    DOCUMENT("document", "WhatsApp Document Keys", "document", 7, "application/octet-stream"),
    STICKER("sticker", "WhatsApp Image Keys", "sticker", 26, "image/webp");

    private final String id;
    private final String keyInfo;
    private final String uploadPath;
    private final int messageField;
    private final String defaultMimeType;

    MediaType(String id, String keyInfo, String uploadPath, int messageField, String defaultMimeType) {
        this.id = id;
        this.keyInfo = keyInfo;
        this.uploadPath = uploadPath;
        this.messageField = messageField;
        this.defaultMimeType = defaultMimeType;
    }

    /** The name the control API uses: {@code image}, {@code voice}, … */
    public String id() {
        return id;
    }

    public String keyInfo() {
        return keyInfo;
    }

    /** The last segment of {@code /mms/<path>/} on the media host. */
    public String uploadPath() {
        return uploadPath;
    }

    /** The field of {@code Message} holding this kind (audio and voice share one). */
    public int messageField() {
        return messageField;
    }

    public String defaultMimeType() {
        return defaultMimeType;
    }

    public static Optional<MediaType> fromId(String id) {
        return Arrays.stream(values()).filter(type -> type.id.equals(id == null ? null : id.toLowerCase(Locale.ROOT))).findFirst();
    }

    public static Optional<MediaType> fromUploadPath(String path) {
        return Arrays.stream(values()).filter(type -> type.uploadPath.equals(path)).findFirst();
    }
}
