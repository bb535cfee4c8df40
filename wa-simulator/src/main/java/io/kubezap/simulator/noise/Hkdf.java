package io.kubezap.simulator.noise;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** HKDF-SHA256 (RFC 5869); an empty salt stands for 32 zero bytes, as the RFC says. */
public final class Hkdf {
    private Hkdf() {
    }

    public static byte[] derive(byte[] salt, byte[] inputKeyMaterial, byte[] info, int length) {
        var pseudoRandomKey = Crypto.hmacSha256(salt, inputKeyMaterial);
        var output = new ByteArrayOutputStream(length);
        var previous = new byte[0];
        for (var block = 1; output.size() < length; block++) {
            var message = new ByteArrayOutputStream();
            message.writeBytes(previous);
            message.writeBytes(info);
            message.write(block);
            previous = Crypto.hmacSha256(pseudoRandomKey, message.toByteArray());
            output.writeBytes(previous);
        }
        return Arrays.copyOf(output.toByteArray(), length);
    }

    static byte[] derive(byte[] salt, byte[] inputKeyMaterial, int length) {
        return derive(salt, inputKeyMaterial, new byte[0], length);
    }

}
