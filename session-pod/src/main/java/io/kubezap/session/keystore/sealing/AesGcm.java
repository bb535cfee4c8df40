package io.kubezap.session.keystore.sealing;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/** AES-GCM from the JDK: a fresh 96-bit nonce per encryption, written before the ciphertext and its 128-bit tag. */
final class AesGcm {

    static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcm() {
    }

    /** nonce, then ciphertext and tag. */
    static byte[] encrypt(SecretKey key, byte[] plain, byte[] associated) {
        var nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associated);
            var sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException unexpected) {
            throw new IllegalStateException("AES-GCM is not available: " + unexpected, unexpected);
        }
    }

    /** @throws IllegalArgumentException when the bytes were not encrypted under {@code key} with {@code associated}, or were altered */
    static byte[] decrypt(SecretKey key, byte[] nonceAndSealed, byte[] associated) {
        if (nonceAndSealed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("too short to be sealed");
        }
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonceAndSealed, 0, NONCE_BYTES));
            cipher.updateAAD(associated);
            return cipher.doFinal(nonceAndSealed, NONCE_BYTES, nonceAndSealed.length - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException altered) {
            throw new IllegalArgumentException("does not open: altered, or sealed under another key", altered);
        } catch (GeneralSecurityException unexpected) {
            throw new IllegalStateException("AES-GCM is not available: " + unexpected, unexpected);
        }
    }

    static SecretKey newKey() {
        try {
            var generator = javax.crypto.KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return generator.generateKey();
        } catch (GeneralSecurityException unexpected) {
            throw new IllegalStateException("AES is not available: " + unexpected, unexpected);
        }
    }
}
