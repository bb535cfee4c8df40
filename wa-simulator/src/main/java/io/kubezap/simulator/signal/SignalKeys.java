package io.kubezap.simulator.signal;

import java.util.Arrays;

/** Signal's encodings of Curve25519 public keys and its key-derivation helpers. */
final class SignalKeys {
    static final byte KEY_TYPE = 5;

    private SignalKeys() {
    }

    /** With the type byte: 33 bytes. */
    static byte[] typed(byte[] key) {
        if (key.length == 33 && key[0] == KEY_TYPE) {
            return key.clone();
        }
        var result = new byte[33];
        result[0] = KEY_TYPE;
        System.arraycopy(key, 0, result, 1, 32);
        return result;
    }

    /** Without the type byte: 32 bytes. */
    static byte[] raw(byte[] key) {
        return key.length == 33 ? Arrays.copyOfRange(key, 1, 33) : key.clone();
    }
}
