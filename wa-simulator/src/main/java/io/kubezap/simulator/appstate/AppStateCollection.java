package io.kubezap.simulator.appstate;

import io.kubezap.simulator.noise.Crypto;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One app-state collection of an account (for example {@code critical_block}) as the server keeps
 * it: a list of encrypted patches, the first being version 1. Each patch sets one value; its
 * snapshot MAC covers the collection's LT hash after it, and its patch MAC chains that with the
 * patch's value MAC, so a client that applies the patches in order can check every step.
 */
public final class AppStateCollection {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_LENGTH = 16;
    private static final int MAC_LENGTH = 32;
    private static final int ACTION_VERSION = 1;
    private static final byte SET_OPERATION = 1;

    private final String name;
    private final SyncKey key;
    private final MutationKeys keys;
    private final LtHash hash = new LtHash();
    private final Map<String, byte[]> valueMacsByIndex = new HashMap<>();
    private final List<byte[]> patches = new ArrayList<>();

    AppStateCollection(String name, SyncKey key) {
        this.name = name;
        this.key = key;
        this.keys = MutationKeys.expand(key.data());
    }

    public String name() {
        return name;
    }

    public synchronized long version() {
        return patches.size();
    }

    /** The patches a client at {@code version} has not applied yet, oldest first. */
    public synchronized List<byte[]> patchesAfter(long version) {
        var from = Math.clamp(version, 0, patches.size());
        return List.copyOf(patches.subList(from, patches.size()));
    }

    /** Sets the value at {@code index} (a JSON array such as {@code ["setting_pushName"]}) in a new patch; returns its version. */
    synchronized long set(String index, byte[] syncActionValue) {
        var version = patches.size() + 1L;
        var indexBytes = index.getBytes(StandardCharsets.UTF_8);
        var encrypted = encrypt(SyncProtobufs.actionData(indexBytes, syncActionValue, ACTION_VERSION));
        var valueMac = valueMac(encrypted);
        var replaced = valueMacsByIndex.put(index, valueMac);
        if (replaced != null) {
            hash.subtract(replaced);
        }
        hash.add(valueMac);
        var snapshotMac = hmacSha256(keys.snapshotMac(), hash.value(), bigEndian(version), nameBytes());
        var patchMac = hmacSha256(keys.patchMac(), snapshotMac, valueMac, bigEndian(version), nameBytes());
        var indexMac = hmacSha256(keys.index(), indexBytes);
        patches.add(SyncProtobufs.patch(version, indexMac, Crypto.concat(encrypted, valueMac), key.id(), snapshotMac, patchMac));
        return version;
    }

    /** IV followed by the AES-256-CBC (PKCS#7) ciphertext. */
    private byte[] encrypt(byte[] plaintext) {
        try {
            var iv = new byte[IV_LENGTH];
            RANDOM.nextBytes(iv);
            var cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.valueEncryption(), "AES"), new IvParameterSpec(iv));
            return Crypto.concat(iv, cipher.doFinal(plaintext));
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException("AES-CBC is not available", exception);
        }
    }

    /**
     * The first 32 bytes of HMAC-SHA512 over the operation byte and key id (the associated data),
     * the encrypted value, and the associated data's length as an 8-byte big-endian number.
     */
    private byte[] valueMac(byte[] encrypted) {
        var associatedData = Crypto.concat(new byte[]{SET_OPERATION}, key.id());
        var mac = hmac("HmacSHA512", keys.valueMac(), associatedData, encrypted, bigEndian(associatedData.length));
        return Arrays.copyOf(mac, MAC_LENGTH);
    }

    private byte[] nameBytes() {
        return name.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] hmacSha256(byte[] key, byte[]... parts) {
        return hmac("HmacSHA256", key, parts);
    }

    private static byte[] hmac(String algorithm, byte[] key, byte[]... parts) {
        try {
            var mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            for (var part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException exception) {
            throw new IllegalStateException(algorithm + " is not available", exception);
        }
    }

    private static byte[] bigEndian(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }

}
