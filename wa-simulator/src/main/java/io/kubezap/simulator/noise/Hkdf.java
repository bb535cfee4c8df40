package io.kubezap.simulator.noise;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/** HKDF-SHA256 (RFC 5869); an empty salt stands for 32 zero bytes, as the RFC says. */
public final class Hkdf {
    private static final int HASH_LENGTH = 32;

    private Hkdf() {
    }

    public static byte[] derive(byte[] salt, byte[] inputKeyMaterial, byte[] info, int length) {
        var pseudoRandomKey = hmac(salt, inputKeyMaterial);
        var output = new ByteArrayOutputStream(length);
        var previous = new byte[0];
        for (var block = 1; output.size() < length; block++) {
            var message = new ByteArrayOutputStream();
            message.writeBytes(previous);
            message.writeBytes(info);
            message.write(block);
            previous = hmac(pseudoRandomKey, message.toByteArray());
            output.writeBytes(previous);
        }
        return Arrays.copyOf(output.toByteArray(), length);
    }

    static byte[] derive(byte[] salt, byte[] inputKeyMaterial, int length) {
        return derive(salt, inputKeyMaterial, new byte[0], length);
    }

    private static byte[] hmac(byte[] key, byte[] message) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[HASH_LENGTH] : key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("HmacSHA256 is not available", exception);
        }
    }
}
