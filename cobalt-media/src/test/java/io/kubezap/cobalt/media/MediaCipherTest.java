package io.kubezap.cobalt.media;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediaCipherTest {

    private static final String IMAGE_KEYS = "WhatsApp Image Keys";

    @Test
    void whatIsEncryptedDecryptsToTheSameBytesWithTheHashesItReported() throws Exception {
        for (int size : new int[]{0, 1, 15, 16, 17, 65_535, 65_536, 200_001}) {
            byte[] plain = random(size);
            var blob = new ByteArrayOutputStream();

            var encrypted = MediaCipher.encrypt(new ByteArrayInputStream(plain), blob, IMAGE_KEYS, false);

            assertThat(encrypted.fileLength()).isEqualTo(size);
            assertThat(encrypted.fileSha256()).isEqualTo(sha256(plain));
            assertThat(encrypted.fileEncSha256()).isEqualTo(sha256(blob.toByteArray()));
            assertThat(blob.size()).as("padded to whole blocks plus a 10-byte MAC").isEqualTo((size / 16 + 1) * 16 + 10);
            var decrypted = new ByteArrayOutputStream();
            long length = MediaCipher.decrypt(new ByteArrayInputStream(blob.toByteArray()), decrypted, encrypted.mediaKey(),
                    IMAGE_KEYS, encrypted.fileEncSha256(), encrypted.fileSha256());
            assertThat(length).isEqualTo(size);
            assertThat(decrypted.toByteArray()).isEqualTo(plain);
        }
    }

    @Test
    void aFlippedBitOrTheWrongKeysAreRefused() throws Exception {
        byte[] plain = random(1000);
        var blob = new ByteArrayOutputStream();
        var encrypted = MediaCipher.encrypt(new ByteArrayInputStream(plain), blob, IMAGE_KEYS, false);
        byte[] tampered = blob.toByteArray();
        tampered[5] ^= 1;

        assertThatThrownBy(() -> decrypt(tampered, encrypted.mediaKey(), IMAGE_KEYS, null))
                .isInstanceOf(MediaCipher.MediaRejectedException.class).hasMessageContaining("MAC");
        assertThatThrownBy(() -> decrypt(tampered, encrypted.mediaKey(), IMAGE_KEYS, encrypted.fileEncSha256()))
                .hasMessageContaining("SHA-256");
        assertThatThrownBy(() -> decrypt(blob.toByteArray(), encrypted.mediaKey(), "WhatsApp Video Keys", null))
                .hasMessageContaining("MAC");
    }

    @Test
    void cobaltsOwnMacWithoutTheIvIsWhatAPhoneRefuses() throws Exception {
        var blob = new ByteArrayOutputStream();
        var encrypted = MediaCipher.encrypt(new ByteArrayInputStream(random(100)), blob, IMAGE_KEYS, true);

        assertThatThrownBy(() -> decrypt(blob.toByteArray(), encrypted.mediaKey(), IMAGE_KEYS, null))
                .hasMessageContaining("MAC");
    }

    private static long decrypt(byte[] blob, byte[] key, String keyName, byte[] encSha256) throws IOException {
        return MediaCipher.decrypt(new ByteArrayInputStream(blob), new ByteArrayOutputStream(), key, keyName, encSha256, null);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }
}
