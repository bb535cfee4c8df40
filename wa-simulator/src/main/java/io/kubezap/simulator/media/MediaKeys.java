package io.kubezap.simulator.media;

import io.kubezap.simulator.noise.Hkdf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The keys a 32-byte media key expands to: HKDF-SHA256 (no salt) with the type's info string to
 * 112 bytes, of which the first 16 are the AES-CBC IV, the next 32 the AES-256 key, the next 32
 * the HMAC-SHA256 key (the last 32, the "ref key", are not used for media).
 */
public record MediaKeys(byte[] iv, byte[] cipherKey, byte[] macKey) {
    public static final int MEDIA_KEY_LENGTH = 32;
    private static final int EXPANDED_LENGTH = 112;

    public static MediaKeys expand(byte[] mediaKey, MediaType type) {
        return expand(mediaKey, type.keyInfo());
    }

    /** The keys for {@code keyInfo}, the HKDF info of what the blob holds (e.g. "WhatsApp History Keys"). */
    public static MediaKeys expand(byte[] mediaKey, String keyInfo) {
        if (mediaKey == null || mediaKey.length != MEDIA_KEY_LENGTH) {
            throw new IllegalArgumentException("A media key is " + MEDIA_KEY_LENGTH + " bytes");
        }
        var expanded = Hkdf.derive(new byte[0], mediaKey, keyInfo.getBytes(StandardCharsets.UTF_8), EXPANDED_LENGTH);
        return new MediaKeys(Arrays.copyOfRange(expanded, 0, 16), Arrays.copyOfRange(expanded, 16, 48),
                Arrays.copyOfRange(expanded, 48, 80));
    }
}
