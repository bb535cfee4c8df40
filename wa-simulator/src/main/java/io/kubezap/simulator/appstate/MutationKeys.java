package io.kubezap.simulator.appstate;

import io.kubezap.simulator.noise.Hkdf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The five keys one app-state sync key expands to: HKDF-SHA256 of the key data (zero salt, info
 * {@code "WhatsApp Mutation Keys"}) to 160 bytes, cut in 32-byte slices in this order.
 */
record MutationKeys(byte[] index, byte[] valueEncryption, byte[] valueMac, byte[] snapshotMac, byte[] patchMac) {
    private static final byte[] INFO = "WhatsApp Mutation Keys".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_LENGTH = 32;

    static MutationKeys expand(byte[] syncKeyData) {
        var expanded = Hkdf.derive(new byte[0], syncKeyData, INFO, 5 * KEY_LENGTH);
        return new MutationKeys(slice(expanded, 0), slice(expanded, 1), slice(expanded, 2), slice(expanded, 3), slice(expanded, 4));
    }

    private static byte[] slice(byte[] expanded, int index) {
        return Arrays.copyOfRange(expanded, index * KEY_LENGTH, (index + 1) * KEY_LENGTH);
    }
}
