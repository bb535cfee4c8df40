package io.kubezap.session.engine.cobalt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.crypto.Hmac;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.model.sync.ActionDataSyncSpec;
import it.auties.whatsapp.model.sync.ActionValueSync;
import it.auties.whatsapp.model.sync.AppStateSyncKey;
import it.auties.whatsapp.model.sync.ExternalBlobReference;
import it.auties.whatsapp.model.sync.ExternalBlobReferenceSpec;
import it.auties.whatsapp.model.sync.MutationKeys;
import it.auties.whatsapp.model.sync.MutationsSyncSpec;
import it.auties.whatsapp.model.sync.PatchSync;
import it.auties.whatsapp.model.sync.PatchSyncSpec;
import it.auties.whatsapp.model.sync.RecordSync;
import it.auties.whatsapp.model.sync.SnapshotSyncSpec;
import it.auties.whatsapp.model.sync.Syncable;
import it.auties.whatsapp.util.Medias;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The app-state mutations an answer to a {@code w:sync:app:state} pull carries — a collection's snapshot (an external
 * blob on the media host), its patches, and a large patch's external mutations — decrypted with the account's keys, each
 * with its operation and whole index. Cobalt 0.0.10 hands its listeners neither: its {@code onAction} reports a
 * {@code REMOVE} as if it set the value it removes, and parses every index as {@code [type, chat, message, fromMe]},
 * which loses a {@code label_message}'s message id. Cobalt checks the snapshot and patch MACs itself; a mutation whose
 * value or index MAC does not check, or under a key this device does not have yet, is left out here as Cobalt leaves
 * it out.
 */
final class AppStateMutations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAC_LENGTH = 32;
    private static final int IV_LENGTH = 16;

    /** One mutation: {@code REMOVE} or {@code SET}, its index (e.g. {@code ["label_message", "7", chat, id, "0", "0"]}), its value. */
    record Mutation(boolean remove, List<String> index, ActionValueSync value) {
    }

    private AppStateMutations() {
    }

    /** Whether {@code node} answers a pull or push of app state (an {@code iq} result holding {@code <sync>}). */
    static boolean isSyncAnswer(Node node) {
        return "iq".equals(node.description()) && "result".equals(node.attributes().getString("type", ""))
                && node.findChild("sync").isPresent();
    }

    /**
     * What an answer carries: its mutations, and the collections holding some under a key this device does not have
     * yet, with those keys' ids in hex (to sync again once the phone shares them).
     */
    record Read(List<Mutation> mutations, Map<String, Set<String>> awaitingKeys) {
    }

    /** The mutations of every collection the answer carries, in order: a snapshot's records, then each patch's. */
    static Read read(Whatsapp client, Node answer) {
        var account = client.store().jid().orElse(null);
        if (account == null) {
            return new Read(List.of(), Map.of());
        }
        var mutations = new ArrayList<Mutation>();
        var awaitingKeys = new LinkedHashMap<String, Set<String>>();
        answer.findChild("sync").stream().flatMap(sync -> sync.listChildren("collection").stream())
                .filter(collection -> !"error".equals(collection.attributes().getString("type", "")))
                .forEach(collection -> {
                    var name = collection.attributes().getString("name", "");
                    Consumer<Syncable> reader = mutation -> {
                        var keyId = mutation.record().keyId();
                        if (keyId != null && key(client, account, mutation.record()).isEmpty()) {
                            awaitingKeys.computeIfAbsent(name, ignored -> new LinkedHashSet<>()).add(HexFormat.of().formatHex(keyId.id()));
                        } else {
                            decrypt(client, account, mutation).ifPresent(mutations::add);
                        }
                    };
                    collection.findChild("snapshot").flatMap(Node::contentAsBytes).ifPresent(reference ->
                            SnapshotSyncSpec.decode(download(ExternalBlobReferenceSpec.decode(reference))).records().forEach(reader));
                    collection.findChild("patches").orElse(collection).listChildren("patch").stream()
                            .flatMap(patch -> patch.contentAsBytes().stream())
                            .flatMap(patch -> syncables(PatchSyncSpec.decode(patch)))
                            .forEach(reader);
                });
        return new Read(mutations, awaitingKeys);
    }

    private static Optional<AppStateSyncKey> key(Whatsapp client, Jid account, RecordSync record) {
        return record.keyId() == null ? Optional.empty() : client.keys().findAppKeyById(account, record.keyId().id());
    }

    private static Stream<? extends Syncable> syncables(PatchSync patch) {
        if (patch.externalMutations() == null) {
            return patch.mutations().stream();
        }
        return Stream.concat(patch.mutations().stream(),
                MutationsSyncSpec.decode(download(patch.externalMutations())).mutations().stream());
    }

    private static byte[] download(ExternalBlobReference reference) {
        return Medias.downloadAsync(reference, null).join();
    }

    private static Optional<Mutation> decrypt(Whatsapp client, Jid account, Syncable mutation) {
        var record = mutation.record();
        return key(client, account, record).map(key -> MutationKeys.of(key.keyData().keyData()))
                .flatMap(keys -> decrypt(keys, record.keyId().id(), mutation.operation(), record));
    }

    private static Optional<Mutation> decrypt(MutationKeys keys, byte[] keyId, RecordSync.Operation operation, RecordSync record) {
        byte[] blob = record.value().blob();
        if (blob.length < IV_LENGTH + MAC_LENGTH) {
            return Optional.empty();
        }
        int encryptedLength = blob.length - MAC_LENGTH;
        byte[] valueMac = Arrays.copyOfRange(blob, encryptedLength, blob.length);
        if (!MessageDigest.isEqual(valueMac(keys, keyId, operation, blob, encryptedLength), valueMac)) {
            return Optional.empty();
        }
        try {
            var cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.encKey(), "AES"), new IvParameterSpec(blob, 0, IV_LENGTH));
            var data = ActionDataSyncSpec.decode(cipher.doFinal(blob, IV_LENGTH, encryptedLength - IV_LENGTH));
            if (!MessageDigest.isEqual(Hmac.calculateSha256(data.index(), keys.indexKey()), record.index().blob())) {
                return Optional.empty();
            }
            return Optional.of(new Mutation(operation == RecordSync.Operation.REMOVE, index(data.index()), data.value()));
        } catch (GeneralSecurityException | RuntimeException undecryptable) {
            return Optional.empty();
        }
    }

    /**
     * WhatsApp's value MAC: the first 32 bytes of HMAC-SHA512 over the operation byte and key id (the associated data),
     * the encrypted value, and the associated data's length as an 8-byte big-endian number.
     */
    private static byte[] valueMac(MutationKeys keys, byte[] keyId, RecordSync.Operation operation, byte[] blob, int length) {
        var associated = ByteBuffer.allocate(1 + keyId.length).put(operation.content()).put(keyId).array();
        var input = ByteBuffer.allocate(associated.length + length + Long.BYTES).put(associated).put(blob, 0, length)
                .putLong(associated.length).array();
        return Arrays.copyOf(Hmac.calculateSha512(input, keys.macKey()), MAC_LENGTH);
    }

    private static List<String> index(byte[] json) {
        try {
            return JSON.readValue(new String(json, StandardCharsets.UTF_8), new TypeReference<List<String>>() {
            });
        } catch (JsonProcessingException notAnIndex) {
            return List.of();
        }
    }
}
