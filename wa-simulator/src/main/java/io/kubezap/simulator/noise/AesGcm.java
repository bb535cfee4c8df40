package io.kubezap.simulator.noise;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

/** AES-256-GCM with WhatsApp's nonce: 4 zero bytes followed by a big-endian 64-bit counter. */
final class AesGcm {
    private static final int TAG_BITS = 128;

    private AesGcm() {
    }

    static byte[] encrypt(byte[] key, long counter, byte[] associatedData, byte[] plaintext) {
        return run(Cipher.ENCRYPT_MODE, key, counter, associatedData, plaintext);
    }

    static byte[] decrypt(byte[] key, long counter, byte[] associatedData, byte[] ciphertext) {
        return run(Cipher.DECRYPT_MODE, key, counter, associatedData, ciphertext);
    }

    private static byte[] run(int mode, byte[] key, long counter, byte[] associatedData, byte[] input) {
        try {
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce(counter)));
            if (associatedData != null) {
                cipher.updateAAD(associatedData);
            }
            return cipher.doFinal(input);
        } catch (AEADBadTagException exception) {
            throw new NoiseException("Authentication tag mismatch (counter " + counter + ")", exception);
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("AES-GCM failed", exception);
        }
    }

    private static byte[] nonce(long counter) {
        return ByteBuffer.allocate(12).putInt(0).putLong(counter).array();
    }
}
