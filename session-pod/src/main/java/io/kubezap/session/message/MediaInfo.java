package io.kubezap.session.message;

/**
 * The media block of a stored message. {@code sha256} (hex) and {@code size} are null while a file given by URL has
 * not been fetched yet; {@code url} is the API path of the file's bytes.
 */
public record MediaInfo(String mimeType, Long size, String sha256, String fileName, String caption, String url) {

    MediaInfo withUrl(String apiPath) {
        return new MediaInfo(mimeType, size, sha256, fileName, caption, apiPath);
    }

    public MediaInfo withFile(String detectedMimeType, long fileSize, String fileSha256) {
        return new MediaInfo(detectedMimeType, fileSize, fileSha256, fileName, caption, url);
    }
}
