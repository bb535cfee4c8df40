package io.kubezap.simulator.media;

import java.time.Instant;

/**
 * One encrypted blob on the media host, as uploaded.
 *
 * @param directPath the path (and signed query) a message's {@code directPath} names
 * @param blob       the bytes served, changed only by {@link MediaHost#tamper}
 */
public record StoredMedia(MediaType type, String directPath, byte[] blob, String encSha256, Instant uploadedAt, boolean tampered) {
    public String objectPath() {
        var query = directPath.indexOf('?');
        return query < 0 ? directPath : directPath.substring(0, query);
    }
}
