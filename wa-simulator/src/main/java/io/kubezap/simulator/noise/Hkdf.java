package io.kubezap.simulator.noise;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;

/** HKDF-SHA256 (RFC 5869) with an empty info, as the Noise framework uses it. */
final class Hkdf {
    private static final int HASH_LENGTH = 32;

    private Hkdf() {
    }

    static byte[] derive(byte[] salt, byte[] inputKeyMaterial, int length) {
        var pseudoRandomKey = hmac(salt, inputKeyMaterial);
        var output = new ByteArrayOutputStream(length);
        var previous = new byte[0];
        for (var block = 1; output.size() < length; block++) {
            var message = new byte[previous.length + 1];
            System.arraycopy(previous, 0, message, 0, previous.length);
            message[previous.length] = (byte) block;
            previous = hmac(pseudoRandomKey, message);
            output.writeBytes(previous);
        }
        var result = output.toByteArray();
        return result.length == length ? result : java.util.Arrays.copyOf(result, length);
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[HASH_LENGTH] : key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("HmacSHA256 is not available", exception);
        }
    }
}
