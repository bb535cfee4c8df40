package io.kubezap.simulator.appstate;

import io.kubezap.simulator.protobuf.ProtobufReader;
import io.kubezap.simulator.protobuf.ProtobufWriter;

import java.time.Instant;
import java.util.Optional;
import java.util.List;

/**
 * The app-state protobuf messages the simulator writes, with the field numbers of WhatsApp's
 * public schema ({@code SyncdPatch}, {@code SyncdMutation}, {@code SyncActionData},
 * {@code SyncActionValue}, and the {@code Message.protocolMessage} that shares a sync key).
 */
final class SyncProtobufs {
    private static final int OPERATION_SET = 0;
    private static final int OPERATION_REMOVE = 1;
    private static final int PROTOCOL_APP_STATE_SYNC_KEY_SHARE = 6;

    private SyncProtobufs() {
    }

    /** {@code SyncActionValue} with {@code timestamp} (1, milliseconds) and {@code pushNameSetting} (7). */
    static byte[] pushNameSetting(String name, Instant at) {
        return new ProtobufWriter()
                .uint64(1, at.toEpochMilli())
                .message(7, new ProtobufWriter().string(1, name))
                .toByteArray();
    }

    /** The name a {@code SyncActionValue}'s {@code pushNameSetting} (7) holds, if it holds one. */
    static Optional<String> pushName(byte[] value) {
        return ProtobufReader.read(value).bytes(7).flatMap(setting -> ProtobufReader.read(setting).string(1));
    }

    /** {@code SyncActionValue} with {@code timestamp} (1) and {@code contactAction} (3: fullName 1, firstName 2). */
    static byte[] contactAction(String fullName, String firstName, Instant at) {
        var contact = new ProtobufWriter().string(1, fullName);
        if (firstName != null) {
            contact.string(2, firstName);
        }
        return new ProtobufWriter().uint64(1, at.toEpochMilli()).message(3, contact).toByteArray();
    }

    /**
     * What a {@code SyncActionValue} says, for the control API: its timestamp and the fields of the actions the
     * simulator knows (archived, pinned, muted and muteEnd, read, starred, deleteChat, clearChat, label, labeled,
     * contact, pushName).
     */
    static java.util.Map<String, Object> describe(byte[] value) {
        var reader = ProtobufReader.read(value);
        var described = new java.util.LinkedHashMap<String, Object>();
        reader.uint64(1).ifPresent(at -> described.put("timestamp", at));
        reader.bytes(2).ifPresent(star -> described.put("starred", ProtobufReader.read(star).bool(1).orElse(false)));
        reader.bytes(3).ifPresent(contact -> described.put("contact", ProtobufReader.read(contact).string(1).orElse(null)));
        reader.bytes(4).ifPresent(mute -> {
            var action = ProtobufReader.read(mute);
            described.put("muted", action.bool(1).orElse(false));
            described.put("muteEnd", action.uint64(2).orElse(0L));
        });
        reader.bytes(5).ifPresent(pin -> described.put("pinned", ProtobufReader.read(pin).bool(1).orElse(false)));
        reader.bytes(7).ifPresent(name -> described.put("pushName", ProtobufReader.read(name).string(1).orElse(null)));
        reader.bytes(14).ifPresent(label -> {
            var action = ProtobufReader.read(label);
            described.put("label", action.string(1).orElse(null));
            described.put("color", action.uint32(2).orElse(0));
            described.put("deleted", action.bool(4).orElse(false));
        });
        reader.bytes(15).ifPresent(label -> described.put("labeled", ProtobufReader.read(label).bool(1).orElse(false)));
        reader.bytes(17).ifPresent(archive -> described.put("archived", ProtobufReader.read(archive).bool(1).orElse(false)));
        reader.bytes(20).ifPresent(read -> described.put("read", ProtobufReader.read(read).bool(1).orElse(false)));
        reader.bytes(21).ifPresent(clear -> described.put("clearChat", true));
        reader.bytes(22).ifPresent(delete -> described.put("deleteChat", true));
        return described;
    }

    /** {@code SyncActionData}: the plaintext of one mutation — index (1), value (2), padding (3), version (4). */
    static byte[] actionData(byte[] index, byte[] value, int version) {
        return new ProtobufWriter().bytes(1, index).bytes(2, value).bytes(3, new byte[0]).uint32(4, version).toByteArray();
    }

    /** A {@code SyncdRecord}: index MAC (1), value blob — ciphertext and value MAC — (2), key id (3). */
    static byte[] record(byte[] indexMac, byte[] valueBlob, byte[] keyId) {
        return new ProtobufWriter()
                .message(1, new ProtobufWriter().bytes(1, indexMac))
                .message(2, new ProtobufWriter().bytes(1, valueBlob))
                .message(3, keyId(keyId))
                .toByteArray();
    }

    /** A {@code SyncdMutation}: its operation (1, {@code SET} 0 or {@code REMOVE} 1) and record (2). */
    static byte[] mutation(boolean remove, byte[] record) {
        return new ProtobufWriter().uint32(1, remove ? OPERATION_REMOVE : OPERATION_SET).bytes(2, record).toByteArray();
    }

    /** A {@code SyncdPatch}: version (1), mutations (2), snapshot MAC (4), patch MAC (5), key id (6). */
    static byte[] patch(long version, List<byte[]> mutations, byte[] keyId, byte[] snapshotMac, byte[] patchMac) {
        var patch = new ProtobufWriter().message(1, new ProtobufWriter().uint64(1, version));
        mutations.forEach(mutation -> patch.bytes(2, mutation));
        return patch.bytes(4, snapshotMac).bytes(5, patchMac).message(6, keyId(keyId)).toByteArray();
    }

    /** A {@code SyncdSnapshot}: version (1), records (2), MAC (3), key id (4). */
    static byte[] snapshot(long version, List<byte[]> records, byte[] mac, byte[] keyId) {
        var snapshot = new ProtobufWriter().message(1, new ProtobufWriter().uint64(1, version));
        records.forEach(record -> snapshot.bytes(2, record));
        return snapshot.bytes(3, mac).message(4, keyId(keyId)).toByteArray();
    }

    /** The mutations of a {@code SyncdPatch} (field 2), as a {@code SyncdMutations} (its field 1) to upload apart. */
    static byte[] mutations(byte[] patch) {
        var mutations = new ProtobufWriter();
        ProtobufReader.read(patch).all(2).forEach(mutation -> mutations.bytes(1, mutation));
        return mutations.toByteArray();
    }

    /** The same {@code SyncdPatch} with its mutations replaced by {@code externalMutations} (3), a reference to them uploaded. */
    static byte[] withExternalMutations(byte[] patch, byte[] externalBlobReference) {
        var read = ProtobufReader.read(patch);
        var external = new ProtobufWriter();
        read.bytes(1).ifPresent(version -> external.bytes(1, version));
        read.bytes(4).ifPresent(mac -> external.bytes(4, mac));
        read.bytes(5).ifPresent(mac -> external.bytes(5, mac));
        read.bytes(6).ifPresent(keyId -> external.bytes(6, keyId));
        return external.bytes(3, externalBlobReference).toByteArray();
    }

    /**
     * An {@code ExternalBlobReference}: media key (1), direct path (2), handle (3), plaintext size (4), its SHA-256 (5)
     * and the uploaded blob's (6).
     */
    static byte[] externalBlobReference(byte[] mediaKey, String directPath, long size, byte[] sha256, byte[] encSha256) {
        return new ProtobufWriter().bytes(1, mediaKey).string(2, directPath).string(3, "")
                .uint64(4, size).bytes(5, sha256).bytes(6, encSha256).toByteArray();
    }

    /** A {@code Message} whose {@code protocolMessage} (12) shares {@code AppStateSyncKey}s (type 6, field 7). */
    static byte[] keyShare(List<SyncKey> keys) {
        var share = new ProtobufWriter();
        for (var key : keys) {
            var fingerprint = new ProtobufWriter().uint32(1, key.fingerprint()).uint32(2, 0);
            var keyData = new ProtobufWriter().bytes(1, key.data()).message(2, fingerprint).uint64(3, key.createdAt().toEpochMilli());
            share.message(1, new ProtobufWriter().message(1, new ProtobufWriter().bytes(1, key.id())).message(2, keyData));
        }
        var protocolMessage = new ProtobufWriter()
                .uint32(2, PROTOCOL_APP_STATE_SYNC_KEY_SHARE)
                .message(7, share);
        return new ProtobufWriter().message(12, protocolMessage).toByteArray();
    }

    private static ProtobufWriter keyId(byte[] id) {
        return new ProtobufWriter().bytes(1, id);
    }
}
