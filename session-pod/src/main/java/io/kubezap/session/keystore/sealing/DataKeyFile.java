package io.kubezap.session.keystore.sealing;

import io.kubezap.cobalt.files.DurableFile;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The session's data key on its volume, only ever wrapped: {@code <data dir>/key-store.data-key} holds the wrapping
 * key's id and the wrapped data key. Made at the first start; at a start after a rotation, re-wrapped under the
 * current wrapping key (the data key itself stays, so nothing sealed with it needs re-encrypting).
 */
final class DataKeyFile {

    static final String NAME = "key-store.data-key";

    private DataKeyFile() {
    }

    /** @throws IOException when it cannot be read or written, or is wrapped under a key no longer held */
    static KeyMaterialCipher.DataKey loadOrCreate(Path dataDir, WrappingKeys wrappingKeys) throws IOException {
        var file = dataDir.resolve(NAME);
        if (!Files.exists(file)) {
            var key = AesGcm.newKey();
            var created = new KeyMaterialCipher.DataKey(key, wrappingKeys.wrap(key.getEncoded()));
            write(file, created.wrapped());
            return created;
        }
        var wrapped = DurableFile.read(file, DataKeyFile::parse);
        var key = new SecretKeySpec(wrappingKeys.unwrap(wrapped), "AES");
        if (wrapped.keyId().equals(wrappingKeys.currentId())) {
            return new KeyMaterialCipher.DataKey(key, wrapped);
        }
        var rewrapped = new KeyMaterialCipher.DataKey(key, wrappingKeys.wrap(key.getEncoded()));
        write(file, rewrapped.wrapped());
        return rewrapped;
    }

    private static void write(Path file, WrappedDataKey wrapped) throws IOException {
        Files.createDirectories(file.getParent());
        var text = wrapped.keyId() + "\n" + Base64.getEncoder().encodeToString(wrapped.wrapped()) + "\n";
        DurableFile.write(file, () -> text.getBytes(StandardCharsets.UTF_8));
    }

    private static WrappedDataKey parse(byte[] bytes) {
        var lines = new String(bytes, StandardCharsets.UTF_8).strip().split("\n");
        if (lines.length != 2) {
            throw new IllegalArgumentException("not a wrapped data key");
        }
        return new WrappedDataKey(lines[0].strip(), Base64.getDecoder().decode(lines[1].strip()));
    }
}
