package io.kubezap.cobalt.media;

import it.auties.whatsapp.model.media.MediaKeys;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * WhatsApp's media encryption, streamed: AES-256-CBC under keys expanded from the media key per media type,
 * followed by the first 10 bytes of HMAC-SHA256(macKey, iv || ciphertext); the plaintext's and the encrypted
 * file's SHA-256 travel in the message. Written from the public protocol description; nothing is held whole
 * in memory, so a 100 MiB document costs a few buffers.
 */
public final class MediaCipher {

    public static final int MAC_LENGTH = 10;
    private static final int BUFFER = 64 * 1024;

    /** What an encryption produced; {@code fileLength} counts plaintext bytes. */
    public record Encrypted(byte[] mediaKey, byte[] fileSha256, byte[] fileEncSha256, long fileLength) {
    }

    /** Why a downloaded file was refused, in the order the checks run. */
    public static final class MediaRejectedException extends IOException {
        public MediaRejectedException(String message) {
            super(message);
        }
    }

    private MediaCipher() {
    }

    /**
     * Encrypts {@code plain} into {@code blob} under fresh keys for {@code keyName} ("WhatsApp Image Keys" and so on).
     * {@code macWithoutIv} reproduces Cobalt 0.0.10's own (wrong) MAC, for tests that show what a phone makes of it.
     */
    public static Encrypted encrypt(InputStream plain, OutputStream blob, String keyName, boolean macWithoutIv)
            throws IOException {
        var keys = MediaKeys.random(keyName);
        try {
            var cipher = cipher(Cipher.ENCRYPT_MODE, keys);
            var mac = mac(keys, !macWithoutIv);
            var plainDigest = MessageDigest.getInstance("SHA-256");
            var blobDigest = MessageDigest.getInstance("SHA-256");
            var buffer = new byte[BUFFER];
            long length = 0;
            for (int read; (read = plain.read(buffer)) >= 0; ) {
                plainDigest.update(buffer, 0, read);
                length += read;
                emit(cipher.update(buffer, 0, read), mac, blobDigest, blob);
            }
            emit(cipher.doFinal(), mac, blobDigest, blob);
            var tag = Arrays.copyOf(mac.doFinal(), MAC_LENGTH);
            blobDigest.update(tag);
            blob.write(tag);
            return new Encrypted(keys.mediaKey(), plainDigest.digest(), blobDigest.digest(), length);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Decrypts {@code blob} into {@code plain}, checking (in this order, as WhatsApp clients do) the encrypted file's
     * SHA-256, the MAC, the padding and the plaintext's SHA-256. Plaintext is written as it is decrypted: on a
     * {@link MediaRejectedException} the caller must discard what was written.
     */
    public static long decrypt(InputStream blob, OutputStream plain, byte[] mediaKey, String keyName,
                               byte[] expectedEncSha256, byte[] expectedSha256) throws IOException {
        var keys = MediaKeys.of(mediaKey, keyName);
        try {
            var cipher = cipher(Cipher.DECRYPT_MODE, keys);
            var mac = mac(keys, true);
            var blobDigest = MessageDigest.getInstance("SHA-256");
            var plainDigest = MessageDigest.getInstance("SHA-256");
            var tail = new TrailingBytes(MAC_LENGTH);
            var buffer = new byte[BUFFER];
            long length = 0;
            for (int read; (read = blob.read(buffer)) >= 0; ) {
                blobDigest.update(buffer, 0, read);
                var body = tail.push(buffer, read);
                mac.update(body);
                length += write(cipher.update(body), plainDigest, plain);
            }
            if (tail.held() < MAC_LENGTH) {
                throw new MediaRejectedException("the encrypted file is shorter than its MAC");
            }
            if (expectedEncSha256 != null && !MessageDigest.isEqual(expectedEncSha256, blobDigest.digest())) {
                throw new MediaRejectedException("the encrypted file's SHA-256 does not match the message");
            }
            if (!MessageDigest.isEqual(Arrays.copyOf(mac.doFinal(), MAC_LENGTH), tail.bytes())) {
                throw new MediaRejectedException("the media MAC does not match");
            }
            length += write(finish(cipher), plainDigest, plain);
            if (expectedSha256 != null && !MessageDigest.isEqual(expectedSha256, plainDigest.digest())) {
                throw new MediaRejectedException("the file's SHA-256 does not match the message");
            }
            return length;
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static byte[] finish(Cipher cipher) throws MediaRejectedException {
        try {
            return cipher.doFinal();
        } catch (GeneralSecurityException badPadding) {
            throw new MediaRejectedException("the media cannot be decrypted (bad padding)");
        }
    }

    private static void emit(byte[] ciphertext, Mac mac, MessageDigest digest, OutputStream out) throws IOException {
        if (ciphertext != null && ciphertext.length > 0) {
            mac.update(ciphertext);
            digest.update(ciphertext);
            out.write(ciphertext);
        }
    }

    private static int write(byte[] plaintext, MessageDigest digest, OutputStream out) throws IOException {
        if (plaintext == null || plaintext.length == 0) {
            return 0;
        }
        digest.update(plaintext);
        out.write(plaintext);
        return plaintext.length;
    }

    private static Cipher cipher(int mode, MediaKeys keys) throws GeneralSecurityException {
        var cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(mode, new SecretKeySpec(keys.cipherKey(), "AES"), new IvParameterSpec(keys.iv()));
        return cipher;
    }

    private static Mac mac(MediaKeys keys, boolean withIv) throws GeneralSecurityException {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(keys.macKey(), "HmacSHA256"));
        if (withIv) {
            mac.update(keys.iv());
        }
        return mac;
    }

    /** Holds back the last {@code size} bytes of a stream (the MAC) and hands out everything before them. */
    private static final class TrailingBytes {
        private final byte[] held;
        private int count;

        TrailingBytes(int size) {
            held = new byte[size];
        }

        byte[] push(byte[] chunk, int length) {
            var all = new byte[count + length];
            System.arraycopy(held, 0, all, 0, count);
            System.arraycopy(chunk, 0, all, count, length);
            int keep = Math.min(held.length, all.length);
            System.arraycopy(all, all.length - keep, held, 0, keep);
            count = keep;
            return Arrays.copyOf(all, all.length - keep);
        }

        int held() {
            return count;
        }

        byte[] bytes() {
            return Arrays.copyOf(held, count);
        }
    }
}
