package io.kubezap.simulator.media;

/** A downloaded media blob that must not be shown: its hash, MAC or padding is wrong. */
public final class MediaIntegrityException extends Exception {
    private final Reason reason;

    public MediaIntegrityException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public enum Reason {
        /** The blob's SHA-256 is not the message's {@code fileEncSha256}. */
        ENCRYPTED_HASH_MISMATCH,
        /** The truncated HMAC-SHA256 over IV and ciphertext does not match. */
        MAC_MISMATCH,
        /** The ciphertext does not decrypt (bad length or padding). */
        UNDECRYPTABLE,
        /** The decrypted file is not as long as the message's {@code fileLength}. */
        FILE_LENGTH_MISMATCH,
        /** The decrypted bytes' SHA-256 is not the message's {@code fileSha256}. */
        FILE_HASH_MISMATCH,
        /** The media host has no blob at that address. */
        NOT_FOUND
    }
}
