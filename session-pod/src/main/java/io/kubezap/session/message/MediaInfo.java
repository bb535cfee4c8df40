package io.kubezap.session.message;

import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.engine.MessageContent;

/**
 * The media block of a stored message. {@code sha256} (hex) and {@code size} are null while a file given by URL has
 * not been fetched yet; {@code url} is the API path of the file's bytes.
 */
public record MediaInfo(String mimeType, Long size, String sha256, String fileName, String caption, String url) {

    /** The file block of {@code file}; {@code apiPath}: where the API serves its bytes (null where it is stored). */
    static MediaInfo of(MessageContent.Media file, String apiPath) {
        return new MediaInfo(file.mimeType(), file.size(), file.sha256(), file.fileName(), file.caption(), apiPath);
    }

    /** The content of a {@code kind} file this block describes (its locator, if any, is kept apart). */
    MessageContent.Media asContent(MediaKind kind) {
        return new MessageContent.Media(kind, mimeType, size, sha256, fileName, caption, null);
    }

    MediaInfo withUrl(String apiPath) {
        return new MediaInfo(mimeType, size, sha256, fileName, caption, apiPath);
    }

    public MediaInfo withFile(String detectedMimeType, long fileSize, String fileSha256) {
        return new MediaInfo(detectedMimeType, fileSize, fileSha256, fileName, caption, url);
    }
}
