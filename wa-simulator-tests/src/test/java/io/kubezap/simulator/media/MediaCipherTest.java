package io.kubezap.simulator.media;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.paddings.PaddedBufferedBlockCipher;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The media encryption against a second implementation written here from the protocol description
 * with BouncyCastle's primitives (HKDF, AES-CBC with PKCS#7, HMAC), so the two must agree byte for byte.
 */
class MediaCipherTest {
    private static final byte[] MEDIA_KEY = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    private static final byte[] FILE = "Nota fiscal 4711 — R$ 129,90\n".repeat(7).getBytes(StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(MediaType.class)
    void encryptsAsTheProtocolDescribes(MediaType type) {
        var encrypted = MediaCipher.encrypt(FILE, type, MEDIA_KEY);

        assertThat(encrypted.blob()).isEqualTo(referenceBlob(FILE, MEDIA_KEY, type.keyInfo()));
        assertThat(encrypted.fileSha256()).isEqualTo(referenceSha256(FILE));
        assertThat(encrypted.fileEncSha256()).isEqualTo(referenceSha256(encrypted.blob()));
        assertThat(encrypted.fileLength()).isEqualTo(FILE.length);
        assertThat(encrypted.blob()).hasSize((FILE.length / 16 + 1) * 16 + 10);
    }

    @Test
    void stickersUseImageKeysAndVoiceNotesAudioKeys() {
        assertThat(MediaType.STICKER.keyInfo()).isEqualTo("WhatsApp Image Keys");
        assertThat(MediaType.VOICE.keyInfo()).isEqualTo("WhatsApp Audio Keys");
        assertThat(MediaType.DOCUMENT.keyInfo()).isEqualTo("WhatsApp Document Keys");
        assertThat(MediaType.VIDEO.keyInfo()).isEqualTo("WhatsApp Video Keys");
        assertThat(MediaCipher.encrypt(FILE, MediaType.STICKER, MEDIA_KEY).blob())
                .isEqualTo(MediaCipher.encrypt(FILE, MediaType.IMAGE, MEDIA_KEY).blob());
    }

    @Test
    void keysExpandAsCobaltExpandsThem() {
        for (var type : MediaType.values()) {
            var ours = MediaKeys.expand(MEDIA_KEY, type);
            var cobalts = it.auties.whatsapp.model.media.MediaKeys.of(MEDIA_KEY, type.keyInfo());
            assertThat(ours.iv()).isEqualTo(cobalts.iv());
            assertThat(ours.cipherKey()).isEqualTo(cobalts.cipherKey());
            assertThat(ours.macKey()).isEqualTo(cobalts.macKey());
        }
    }

    @Test
    void decryptsWhatItEncryptsWithEveryCheckPassing() throws Exception {
        var encrypted = MediaCipher.encrypt(FILE, MediaType.DOCUMENT);

        var decrypted = MediaCipher.decrypt(encrypted.blob(), MediaType.DOCUMENT, encrypted.mediaKey(), encrypted.fileSha256(), encrypted.fileEncSha256());

        assertThat(decrypted).isEqualTo(FILE);
    }

    @Test
    void aFlippedMacBitIsRejected() {
        var encrypted = MediaCipher.encrypt(FILE, MediaType.IMAGE);
        var blob = encrypted.blob().clone();
        blob[blob.length - 1] ^= 1;

        assertThatThrownBy(() -> MediaCipher.decrypt(blob, MediaType.IMAGE, encrypted.mediaKey(), encrypted.fileSha256(), null))
                .isInstanceOfSatisfying(MediaIntegrityException.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(MediaIntegrityException.Reason.MAC_MISMATCH));
    }

    @Test
    void aMacOverTheCiphertextAloneIsRejectedAndNamed() {
        var encrypted = MediaCipher.encrypt(FILE, MediaType.IMAGE, MEDIA_KEY);
        var keys = MediaKeys.expand(MEDIA_KEY, MediaType.IMAGE);
        var ciphertext = Arrays.copyOf(encrypted.blob(), encrypted.blob().length - 10);
        var withoutIvMac = Arrays.copyOf(hmac(keys.macKey(), ciphertext), 10);
        var blob = Arrays.copyOf(ciphertext, ciphertext.length + 10);
        System.arraycopy(withoutIvMac, 0, blob, ciphertext.length, 10);

        assertThatThrownBy(() -> MediaCipher.decrypt(blob, MediaType.IMAGE, MEDIA_KEY, encrypted.fileSha256(), null))
                .isInstanceOf(MediaIntegrityException.class)
                .hasMessageContaining("without the IV");
    }

    @Test
    void aBlobThatIsNotTheAnnouncedOneIsRejectedBeforeDecrypting() {
        var encrypted = MediaCipher.encrypt(FILE, MediaType.VIDEO);
        var other = MediaCipher.encrypt(FILE, MediaType.VIDEO);

        assertThatThrownBy(() -> MediaCipher.decrypt(other.blob(), MediaType.VIDEO, encrypted.mediaKey(), encrypted.fileSha256(), encrypted.fileEncSha256()))
                .isInstanceOfSatisfying(MediaIntegrityException.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(MediaIntegrityException.Reason.ENCRYPTED_HASH_MISMATCH));
    }

    @Test
    void aFileWhoseHashIsNotTheAnnouncedOneIsRejected() {
        var encrypted = MediaCipher.encrypt(FILE, MediaType.AUDIO);
        var wrongFileHash = referenceSha256("another file".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> MediaCipher.decrypt(encrypted.blob(), MediaType.AUDIO, encrypted.mediaKey(), wrongFileHash, encrypted.fileEncSha256()))
                .isInstanceOfSatisfying(MediaIntegrityException.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(MediaIntegrityException.Reason.FILE_HASH_MISMATCH));
    }

    @Test
    void aFileShorterOrLongerThanAnnouncedIsRejected() {
        var encrypted = MediaCipher.encrypt(FILE, MediaType.DOCUMENT);

        assertThatThrownBy(() -> MediaCipher.decrypt(encrypted.blob(), MediaType.DOCUMENT, encrypted.mediaKey(), encrypted.fileSha256(),
                encrypted.fileEncSha256(), FILE.length + 1))
                .isInstanceOfSatisfying(MediaIntegrityException.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(MediaIntegrityException.Reason.FILE_LENGTH_MISMATCH));
    }

    @Test
    void theWrongKindsKeysDoNotOpenIt() {
        var encrypted = MediaCipher.encrypt(FILE, MediaType.IMAGE);

        assertThatThrownBy(() -> MediaCipher.decrypt(encrypted.blob(), MediaType.DOCUMENT, encrypted.mediaKey(), encrypted.fileSha256(), encrypted.fileEncSha256()))
                .isInstanceOfSatisfying(MediaIntegrityException.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo(MediaIntegrityException.Reason.MAC_MISMATCH));
    }

    /** AES-256-CBC(PKCS#7) ciphertext followed by HMAC-SHA256(iv || ciphertext)[0..10], keys from HKDF-SHA256(mediaKey, info) to 112 bytes. */
    private static byte[] referenceBlob(byte[] file, byte[] mediaKey, String info) {
        var expanded = new byte[112];
        var hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(mediaKey, null, info.getBytes(StandardCharsets.UTF_8)));
        hkdf.generateBytes(expanded, 0, expanded.length);
        var iv = Arrays.copyOfRange(expanded, 0, 16);
        var cipherKey = Arrays.copyOfRange(expanded, 16, 48);
        var macKey = Arrays.copyOfRange(expanded, 48, 80);

        var aes = new PaddedBufferedBlockCipher(CBCBlockCipher.newInstance(AESEngine.newInstance()));
        aes.init(true, new ParametersWithIV(new KeyParameter(cipherKey), iv));
        var ciphertext = new byte[aes.getOutputSize(file.length)];
        var length = aes.processBytes(file, 0, file.length, ciphertext, 0);
        try {
            length += aes.doFinal(ciphertext, length);
        } catch (Exception exception) {
            throw new IllegalStateException(exception);
        }
        var mac = hmac(macKey, concat(iv, Arrays.copyOf(ciphertext, length)));
        return concat(Arrays.copyOf(ciphertext, length), Arrays.copyOf(mac, 10));
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        var hmac = new HMac(new SHA256Digest());
        hmac.init(new KeyParameter(key));
        hmac.update(data, 0, data.length);
        var out = new byte[32];
        hmac.doFinal(out, 0);
        return out;
    }

    private static byte[] referenceSha256(byte[] data) {
        var digest = new SHA256Digest();
        digest.update(data, 0, data.length);
        var out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        var result = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, result, first.length, second.length);
        return result;
    }
}
