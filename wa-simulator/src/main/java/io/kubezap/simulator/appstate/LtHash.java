package io.kubezap.simulator.appstate;

import io.kubezap.simulator.noise.Hkdf;

import java.nio.charset.StandardCharsets;

/**
 * A collection's summing hash ("LT hash"): 64 little-endian 16-bit lanes. Each value MAC in the
 * collection is expanded with HKDF-SHA256 (zero salt, info {@code "WhatsApp Patch Integrity"}) to
 * 128 bytes and added lane by lane modulo 2^16; a replaced or removed value is subtracted the same
 * way. The result does not depend on the order of the operations.
 */
final class LtHash {
    private static final byte[] INFO = "WhatsApp Patch Integrity".getBytes(StandardCharsets.US_ASCII);
    private static final int LENGTH = 128;

    private final byte[] lanes = new byte[LENGTH];

    void add(byte[] valueMac) {
        combine(valueMac, 1);
    }

    void subtract(byte[] valueMac) {
        combine(valueMac, -1);
    }

    byte[] value() {
        return lanes.clone();
    }

    /** Puts back a value {@link #value()} returned (a rejected patch undone). */
    void reset(byte[] value) {
        System.arraycopy(value, 0, lanes, 0, LENGTH);
    }

    private void combine(byte[] valueMac, int sign) {
        var expanded = Hkdf.derive(new byte[0], valueMac, INFO, LENGTH);
        for (var offset = 0; offset < LENGTH; offset += 2) {
            var sum = lane(lanes, offset) + sign * lane(expanded, offset);
            lanes[offset] = (byte) sum;
            lanes[offset + 1] = (byte) (sum >>> 8);
        }
    }

    private static int lane(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
    }
}
