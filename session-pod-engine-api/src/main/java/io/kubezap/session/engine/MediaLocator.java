package io.kubezap.session.engine;

/**
 * Where a media file lives on WhatsApp's servers and the keys to read it (base64). Kept with the message, never
 * shown by the API, so that a file not downloaded yet (or evicted) can be fetched again while WhatsApp keeps it.
 */
public record MediaLocator(MediaKind kind, String url, String directPath, String mediaKey, String fileSha256,
                           String fileEncSha256, long size) {

    /** The same file with another size: the most to fetch when the sender declared none. */
    public MediaLocator withSize(long bytes) {
        return new MediaLocator(kind, url, directPath, mediaKey, fileSha256, fileEncSha256, bytes);
    }
}
