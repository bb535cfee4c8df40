package io.kubezap.simulator.noise;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;

/** The two primitives every protocol layer of the simulator (Noise, Signal, pairing) builds on. */
public final class Crypto {

    private Crypto() {
    }

    /** HMAC-SHA256 of the parts, in order; an empty key is 32 zero bytes, which HMAC treats alike. */
    public static byte[] hmacSha256(byte[] key, byte[]... parts) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[32] : key, "HmacSHA256"));
            for (var part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("HmacSHA256 is not available", exception);
        }
    }

    public static byte[] concat(byte[]... parts) {
        var output = new ByteArrayOutputStream();
        for (var part : parts) {
            output.writeBytes(part);
        }
        return output.toByteArray();
    }
}
