package io.kubezap.session.engine.cobalt;

import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;

/** Byte helpers for the pairing-code tests, which play the phone's side. */
final class TestBytes {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestBytes() {
    }

    static byte[] random(int length) {
        var bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        var out = new ByteArrayOutputStream();
        for (var part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
