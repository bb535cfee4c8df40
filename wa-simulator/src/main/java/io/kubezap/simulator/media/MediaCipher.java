package io.kubezap.simulator.media;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * WhatsApp's media encryption: AES-256-CBC (PKCS#7) under the expanded keys, followed by the first
 * 10 bytes of HMAC-SHA256(macKey, iv || ciphertext). The message carries the media key, the
 * SHA-256 of the plaintext ({@code fileSha256}) and of the uploaded blob ({@code fileEncSha256}).
 */
public final class MediaCipher {
    public static final int MAC_LENGTH = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private MediaCipher() {
    }

    /** What a sender uploads and puts in its message. */
    public record Encrypted(byte[] mediaKey, byte[] blob, byte[] fileSha256, byte[] fileEncSha256, long fileLength) {
    }

    public static Encrypted encrypt(byte[] plaintext, MediaType type) {
        var mediaKey = new byte[MediaKeys.MEDIA_KEY_LENGTH];
        RANDOM.nextBytes(mediaKey);
        return encrypt(plaintext, type, mediaKey);
    }

    /** A blob that is not a chat message's media (a history sync's), whose keys are expanded with {@code keyInfo}. */
    public static Encrypted encrypt(byte[] plaintext, String keyInfo) {
        var mediaKey = new byte[MediaKeys.MEDIA_KEY_LENGTH];
        RANDOM.nextBytes(mediaKey);
        return encrypt(plaintext, MediaKeys.expand(mediaKey, keyInfo), mediaKey);
    }

    static Encrypted encrypt(byte[] plaintext, MediaType type, byte[] mediaKey) {
        return encrypt(plaintext, MediaKeys.expand(mediaKey, type), mediaKey);
    }

    private static Encrypted encrypt(byte[] plaintext, MediaKeys keys, byte[] mediaKey) {
        try {
            var cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.cipherKey(), "AES"), new IvParameterSpec(keys.iv()));
            var ciphertext = cipher.doFinal(plaintext);
            var mac = mac(keys, keys.iv(), ciphertext, ciphertext.length);
            var blob = Arrays.copyOf(ciphertext, ciphertext.length + MAC_LENGTH);
            System.arraycopy(mac, 0, blob, ciphertext.length, MAC_LENGTH);
            return new Encrypted(mediaKey, blob, sha256(plaintext), sha256(blob), plaintext.length);
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("AES-256-CBC is not available", exception);
        }
    }

    /**
     * What a receiver does with a downloaded blob, in the order the protocol gives: the blob's hash,
     * the MAC, decryption, then the plaintext's hash.
     */
    public static byte[] decrypt(byte[] blob, MediaType type, byte[] mediaKey, byte[] fileSha256, byte[] fileEncSha256)
            throws MediaIntegrityException {
        return decrypt(blob, type, mediaKey, fileSha256, fileEncSha256, -1);
    }

    /** As {@link #decrypt(byte[], MediaType, byte[], byte[], byte[])}, also checking the declared length when it is not negative. */
    public static byte[] decrypt(byte[] blob, MediaType type, byte[] mediaKey, byte[] fileSha256, byte[] fileEncSha256, long fileLength)
            throws MediaIntegrityException {
        return decrypt(blob, MediaKeys.expand(mediaKey, type), fileSha256, fileEncSha256, fileLength);
    }

    /** A blob that is not a chat message's media (a history sync's, an app-state snapshot), its keys expanded with {@code keyInfo}. */
    public static byte[] decrypt(byte[] blob, String keyInfo, byte[] mediaKey, byte[] fileSha256, byte[] fileEncSha256)
            throws MediaIntegrityException {
        return decrypt(blob, MediaKeys.expand(mediaKey, keyInfo), fileSha256, fileEncSha256, -1);
    }

    private static byte[] decrypt(byte[] blob, MediaKeys keys, byte[] fileSha256, byte[] fileEncSha256, long fileLength)
            throws MediaIntegrityException {
        if (fileEncSha256 != null && !MessageDigest.isEqual(sha256(blob), fileEncSha256)) {
            throw new MediaIntegrityException(MediaIntegrityException.Reason.ENCRYPTED_HASH_MISMATCH,
                    "the blob's SHA-256 is not the message's fileEncSha256");
        }
        if (blob.length < MAC_LENGTH + 16) {
            throw new MediaIntegrityException(MediaIntegrityException.Reason.UNDECRYPTABLE, "the blob is too short (" + blob.length + " bytes)");
        }
        var ciphertextLength = blob.length - MAC_LENGTH;
        var receivedMac = Arrays.copyOfRange(blob, ciphertextLength, blob.length);
        if (!MessageDigest.isEqual(Arrays.copyOf(mac(keys, keys.iv(), blob, ciphertextLength), MAC_LENGTH), receivedMac)) {
            var withoutIv = MessageDigest.isEqual(Arrays.copyOf(mac(keys, new byte[0], blob, ciphertextLength), MAC_LENGTH), receivedMac);
            throw new MediaIntegrityException(MediaIntegrityException.Reason.MAC_MISMATCH,
                    "HMAC-SHA256(iv || ciphertext) does not match the blob's last " + MAC_LENGTH + " bytes"
                            + (withoutIv ? " (they are the HMAC of the ciphertext alone, without the IV, as Cobalt 0.0.10 computes it)" : ""));
        }
        byte[] plaintext;
        try {
            var cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.cipherKey(), "AES"), new IvParameterSpec(keys.iv()));
            plaintext = cipher.doFinal(blob, 0, ciphertextLength);
        } catch (GeneralSecurityException exception) {
            throw new MediaIntegrityException(MediaIntegrityException.Reason.UNDECRYPTABLE, "AES-CBC: " + exception.getMessage());
        }
        if (fileLength > 0 && plaintext.length != fileLength) {
            throw new MediaIntegrityException(MediaIntegrityException.Reason.FILE_LENGTH_MISMATCH,
                    "the decrypted file has " + plaintext.length + " bytes, the message says " + fileLength);
        }
        if (fileSha256 != null && !MessageDigest.isEqual(sha256(plaintext), fileSha256)) {
            throw new MediaIntegrityException(MediaIntegrityException.Reason.FILE_HASH_MISMATCH,
                    "the decrypted file's SHA-256 is not the message's fileSha256");
        }
        return plaintext;
    }

    private static byte[] mac(MediaKeys keys, byte[] prefix, byte[] ciphertext, int length) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.macKey(), "HmacSHA256"));
            mac.update(prefix);
            mac.update(ciphertext, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("HmacSHA256 is not available", exception);
        }
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("SHA-256 is not available", exception);
        }
    }
}
