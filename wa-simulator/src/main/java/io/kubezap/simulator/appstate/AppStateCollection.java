package io.kubezap.simulator.appstate;

import io.kubezap.simulator.noise.Crypto;
import io.kubezap.simulator.protobuf.ProtobufReader;
import io.kubezap.simulator.protobuf.ProtobufWriter;

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
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One app-state collection of an account (for example {@code critical_block}) as the server keeps
 * it: a list of encrypted patches, the first being version 1. Each patch's snapshot MAC covers the
 * collection's LT hash after it, and its patch MAC chains that with the patch's value MACs, so a
 * client that applies the patches in order can check every step. Patches come from the phone
 * ({@link #change}: {@code SET}s and {@code REMOVE}s) or from a companion ({@link #apply}, checked as WhatsApp's
 * server and phone check them); the values they set are kept in the clear too, as the phone shows them. Every
 * {@value #SNAPSHOT_INTERVAL} versions the server keeps a snapshot (every record then, with the snapshot MAC of the
 * LT hash), which a companion starting from nothing, or far behind, gets before the patches after it ({@link #pull}).
 */
public final class AppStateCollection {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int IV_LENGTH = 16;
    private static final int MAC_LENGTH = 32;
    private static final int ACTION_VERSION = 1;
    private static final byte SET_OPERATION = 1;
    private static final byte REMOVE_OPERATION = 2;
    private static final int WIRE_SET = 0;
    /** How often (in versions) the server keeps a snapshot of the collection. */
    static final int SNAPSHOT_INTERVAL = 5;
    /** A companion more patches behind than this gets the latest snapshot instead of every patch since its version. */
    static final int MAX_PATCHES_BEHIND = 50;

    private final String name;
    private SyncKey key;
    private MutationKeys keys;
    private final LtHash hash = new LtHash();
    private final Map<String, byte[]> valueMacsByIndexMac = new HashMap<>();
    private final Map<String, byte[]> recordsByIndexMac = new LinkedHashMap<>();
    private final Map<String, byte[]> valuesByIndex = new LinkedHashMap<>();
    private final List<byte[]> patches = new ArrayList<>();
    private Snapshot snapshot;

    AppStateCollection(String name, SyncKey key) {
        this.name = name;
        this.key = key;
        this.keys = MutationKeys.expand(key.data());
    }

    public String name() {
        return name;
    }

    /** From now on the collection's new patches (and snapshots) are under {@code newKey}; what is there stays as it was. */
    synchronized void rotate(SyncKey newKey) {
        key = newKey;
        keys = MutationKeys.expand(newKey.data());
    }

    public synchronized long version() {
        return patches.size();
    }

    /** The patches a client at {@code version} has not applied yet, oldest first. */
    public synchronized List<byte[]> patchesAfter(long version) {
        var from = Math.clamp(version, 0, patches.size());
        return List.copyOf(patches.subList(from, patches.size()));
    }

    /** The values set now, by index (a JSON array such as {@code ["archive","5511…@s.whatsapp.net"]}): {@code SyncActionValue}s. */
    public synchronized Map<String, byte[]> values() {
        return new LinkedHashMap<>(valuesByIndex);
    }

    /** Sets the value at {@code index} (a JSON array such as {@code ["setting_pushName"]}) in a new patch; returns its version. */
    synchronized long set(String index, byte[] syncActionValue) {
        return change(List.of(Mutation.set(index, syncActionValue)));
    }

    /**
     * The phone's change: one new patch with these mutations, in order ({@code REMOVE}s of indexes the collection does
     * not hold are left out; nothing left, no patch). A {@code REMOVE} carries the value it removes, as WhatsApp's do.
     * Returns the collection's version after it.
     */
    synchronized long change(List<Mutation> mutations) {
        var version = patches.size() + 1L;
        var encoded = new ArrayList<byte[]>();
        var valueMacs = new ArrayList<byte[]>();
        for (var mutation : mutations) {
            var value = mutation.remove() ? valuesByIndex.get(mutation.index()) : mutation.value();
            if (value == null) {
                continue;
            }
            var operation = mutation.remove() ? REMOVE_OPERATION : SET_OPERATION;
            var indexBytes = mutation.index().getBytes(StandardCharsets.UTF_8);
            var encrypted = encrypt(SyncProtobufs.actionData(indexBytes, value, ACTION_VERSION));
            var valueMac = valueMac(operation, encrypted);
            var indexMac = hmacSha256(keys.index(), indexBytes);
            var record = SyncProtobufs.record(indexMac, Crypto.concat(encrypted, valueMac), key.id());
            mix(indexMac, valueMac, operation, record);
            if (mutation.remove()) {
                valuesByIndex.remove(mutation.index());
            } else {
                valuesByIndex.put(mutation.index(), value);
            }
            encoded.add(SyncProtobufs.mutation(mutation.remove(), record));
            valueMacs.add(valueMac);
        }
        if (encoded.isEmpty()) {
            return patches.size();
        }
        var snapshotMac = snapshotMac(version);
        var patchMac = patchMac(snapshotMac, valueMacs, version);
        patches.add(SyncProtobufs.patch(version, encoded, key.id(), snapshotMac, patchMac));
        keepSnapshot();
        return version;
    }

    /**
     * What a companion at {@code clientVersion} is sent: the latest snapshot when it asks for one from nothing (WhatsApp
     * Web's {@code return_snapshot}) or is more than {@value #MAX_PATCHES_BEHIND} patches behind it, then the patches
     * after the snapshot (or after its version).
     */
    public synchronized Pull pull(long clientVersion, boolean wantsSnapshot) {
        var from = Math.clamp(clientVersion, 0, patches.size());
        if (snapshot != null && snapshot.version() > from && (wantsSnapshot && from == 0 || patches.size() - from > MAX_PATCHES_BEHIND)) {
            return new Pull(Optional.of(snapshot), patchesAfter(snapshot.version()));
        }
        return new Pull(Optional.empty(), patchesAfter(from));
    }

    /** A pull's answer: perhaps a snapshot ({@code SyncdSnapshot}), and the patches after it. */
    public record Pull(Optional<Snapshot> snapshot, List<byte[]> patches) {
    }

    /** A snapshot of the collection at {@code version}: the {@code SyncdSnapshot} (records, MAC, key id). */
    public record Snapshot(long version, byte[] syncdSnapshot) {
    }

    /** A mutation of the phone's: {@code SET} {@code value} at {@code index}, or {@code REMOVE} what is there. */
    public record Mutation(boolean remove, String index, byte[] value) {
        static Mutation set(String index, byte[] value) {
            return new Mutation(false, index, value);
        }

        static Mutation remove(String index) {
            return new Mutation(true, index, null);
        }
    }

    private void keepSnapshot() {
        long version = patches.size();
        if (version % SNAPSHOT_INTERVAL == 0) {
            snapshot = new Snapshot(version, SyncProtobufs.snapshot(version, List.copyOf(recordsByIndexMac.values()),
                    snapshotMac(version), key.id()));
        }
    }

    /**
     * A companion's patch ({@code SyncdPatch}), sent when its copy was at {@code clientVersion}: checked (the
     * collection's version, the key, each mutation's value and index MAC, the snapshot MAC of the hash after it, the
     * patch MAC) and, when sound, applied as the next version, which it returns.
     *
     * @throws PatchRejectedException with the error code WhatsApp answers: 409 when the companion is behind, 400 when a
     *                                MAC or the key does not check
     */
    synchronized long apply(byte[] patch, long clientVersion) {
        if (clientVersion != patches.size()) {
            throw new PatchRejectedException(409, "conflict", name + " is at version " + patches.size() + ", the patch follows " + clientVersion);
        }
        var syncdPatch = ProtobufReader.read(patch);
        var keyId = syncdPatch.bytes(6).map(id -> ProtobufReader.read(id).bytes(1).orElse(new byte[0])).orElse(new byte[0]);
        if (!Arrays.equals(keyId, key.id())) {
            throw new PatchRejectedException(400, "bad-request", "unknown app-state key");
        }
        var version = patches.size() + 1L;
        var hashBefore = hash.value();
        var macsBefore = new HashMap<>(valueMacsByIndexMac);
        var recordsBefore = new LinkedHashMap<>(recordsByIndexMac);
        var valuesBefore = new LinkedHashMap<>(valuesByIndex);
        try {
            var valueMacs = new ArrayList<byte[]>();
            for (var mutation : syncdPatch.all(2)) {
                valueMacs.add(applyMutation(ProtobufReader.read(mutation)));
            }
            var snapshotMac = snapshotMac(version);
            if (!Arrays.equals(snapshotMac, syncdPatch.bytes(4).orElse(null))) {
                throw new PatchRejectedException(400, "bad-request", "snapshot MAC does not match the collection after the patch");
            }
            if (!Arrays.equals(patchMac(snapshotMac, valueMacs, version), syncdPatch.bytes(5).orElse(null))) {
                throw new PatchRejectedException(400, "bad-request", "patch MAC does not match");
            }
        } catch (RuntimeException rejected) {
            hash.reset(hashBefore);
            valueMacsByIndexMac.clear();
            valueMacsByIndexMac.putAll(macsBefore);
            recordsByIndexMac.clear();
            recordsByIndexMac.putAll(recordsBefore);
            valuesByIndex.clear();
            valuesByIndex.putAll(valuesBefore);
            throw rejected instanceof PatchRejectedException known ? known
                    : new PatchRejectedException(400, "bad-request", "unreadable patch: " + rejected.getMessage());
        }
        patches.add(Crypto.concat(patch, new ProtobufWriter().message(1, new ProtobufWriter().uint64(1, version)).toByteArray()));
        keepSnapshot();
        return version;
    }

    /** One {@code SyncdMutation}: its value MAC and index MAC checked, its value decrypted and applied; returns the value MAC. */
    private byte[] applyMutation(ProtobufReader mutation) {
        var operation = mutation.uint32(1).orElse(WIRE_SET) == WIRE_SET ? SET_OPERATION : REMOVE_OPERATION;
        var recordBytes = mutation.bytes(2).orElseThrow();
        var record = ProtobufReader.read(recordBytes);
        var indexMac = ProtobufReader.read(record.bytes(1).orElseThrow()).bytes(1).orElseThrow();
        var blob = ProtobufReader.read(record.bytes(2).orElseThrow()).bytes(1).orElseThrow();
        var encrypted = Arrays.copyOf(blob, blob.length - MAC_LENGTH);
        var valueMac = Arrays.copyOfRange(blob, blob.length - MAC_LENGTH, blob.length);
        if (!Arrays.equals(valueMac(operation, encrypted), valueMac)) {
            throw new PatchRejectedException(400, "bad-request", "value MAC does not match");
        }
        var actionData = ProtobufReader.read(decrypt(encrypted));
        var index = actionData.bytes(1).orElseThrow();
        if (!Arrays.equals(hmacSha256(keys.index(), index), indexMac)) {
            throw new PatchRejectedException(400, "bad-request", "index MAC does not match");
        }
        mix(indexMac, valueMac, operation, recordBytes);
        var indexText = new String(index, StandardCharsets.UTF_8);
        if (operation == SET_OPERATION) {
            valuesByIndex.put(indexText, actionData.bytes(2).orElse(new byte[0]));
        } else {
            valuesByIndex.remove(indexText);
        }
        return valueMac;
    }

    /**
     * The LT hash after a mutation: a replaced (or removed) value's MAC out, a set value's MAC in; the record ({@code
     * SyncdRecord}) kept for snapshots.
     */
    private void mix(byte[] indexMac, byte[] valueMac, byte operation, byte[] record) {
        var indexKey = Base64.getEncoder().encodeToString(indexMac);
        var replaced = operation == SET_OPERATION ? valueMacsByIndexMac.put(indexKey, valueMac) : valueMacsByIndexMac.remove(indexKey);
        if (replaced != null) {
            hash.subtract(replaced);
        }
        if (operation == SET_OPERATION) {
            hash.add(valueMac);
            recordsByIndexMac.put(indexKey, record);
        } else {
            recordsByIndexMac.remove(indexKey);
        }
    }

    private byte[] snapshotMac(long version) {
        return hmacSha256(keys.snapshotMac(), hash.value(), bigEndian(version), nameBytes());
    }

    private byte[] patchMac(byte[] snapshotMac, List<byte[]> valueMacs, long version) {
        var parts = new ArrayList<byte[]>();
        parts.add(snapshotMac);
        parts.addAll(valueMacs);
        parts.add(bigEndian(version));
        parts.add(nameBytes());
        return hmacSha256(keys.patchMac(), parts.toArray(byte[][]::new));
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

    private byte[] decrypt(byte[] ivAndCiphertext) {
        try {
            var cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.valueEncryption(), "AES"),
                    new IvParameterSpec(ivAndCiphertext, 0, IV_LENGTH));
            return cipher.doFinal(ivAndCiphertext, IV_LENGTH, ivAndCiphertext.length - IV_LENGTH);
        } catch (GeneralSecurityException exception) {
            throw new PatchRejectedException(400, "bad-request", "value does not decrypt");
        }
    }

    /**
     * The first 32 bytes of HMAC-SHA512 over the operation byte and key id (the associated data),
     * the encrypted value, and the associated data's length as an 8-byte big-endian number.
     */
    private byte[] valueMac(byte operation, byte[] encrypted) {
        var associatedData = Crypto.concat(new byte[]{operation}, key.id());
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
