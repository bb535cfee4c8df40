package io.kubezap.session.engine.cobalt;

import java.security.SecureRandom;

/**
 * The 8-character code a user types on the phone to link this device: 5 random bytes in Base32 over
 * WhatsApp's alphabet (no 0, O, I or U). Shown as {@code ABCD-EFGH}.
 */
public record LinkingCode(String value) {

    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTVWXYZ";
    private static final int RANDOM_BYTES = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    public LinkingCode {
        if (value.length() != 8 || !value.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            throw new IllegalArgumentException("a linking code is 8 characters of " + ALPHABET);
        }
    }

    public static LinkingCode random() {
        var bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return of(bytes);
    }

    /** Base32 of exactly 5 bytes: 40 bits, 8 symbols of 5 bits, most significant first. */
    public static LinkingCode of(byte[] fiveBytes) {
        if (fiveBytes.length != RANDOM_BYTES) {
            throw new IllegalArgumentException("a linking code encodes exactly 5 bytes");
        }
        long bits = 0;
        for (var b : fiveBytes) {
            bits = (bits << 8) | (b & 0xFF);
        }
        var code = new StringBuilder(8);
        for (var shift = 35; shift >= 0; shift -= 5) {
            code.append(ALPHABET.charAt((int) ((bits >>> shift) & 0x1F)));
        }
        return new LinkingCode(code.toString());
    }

    public String display() {
        return value.substring(0, 4) + "-" + value.substring(4);
    }
}
