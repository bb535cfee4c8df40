package io.kubezap.session.keystore.sealing;

import io.kubezap.cobalt.files.FileSeal;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Envelope encryption of the session's key material (the engines' key store files, and their copy in PostgreSQL):
 * AES-256-GCM under the session's data key, the data key wrapped ({@link WrappingKeys}) in each sealed blob's header,
 * so that every blob opens on its own (a copy read back from the database onto a new volume too).
 *
 * <p>Layout: {@code KZS1}, key id (length byte, UTF-8), wrapped data key (2-byte length), nonce, ciphertext and tag.
 * Bytes without the magic are what an earlier version wrote in the clear: opened as they are, sealed at the next write
 * (or by {@link #resealed} at start).
 */
public final class KeyMaterialCipher implements FileSeal {

    private static final byte[] MAGIC = "KZS1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ASSOCIATED = "kubezap WhatsApp key material".getBytes(StandardCharsets.US_ASCII);

    private final WrappingKeys wrappingKeys;
    private final DataKey dataKey;
    private final Map<String, SecretKey> unwrapped = new ConcurrentHashMap<>();

    public KeyMaterialCipher(WrappingKeys wrappingKeys, DataKey dataKey) {
        this.wrappingKeys = wrappingKeys;
        this.dataKey = dataKey;
    }

    /** The session's data key in memory, and as it is kept wrapped. */
    public record DataKey(SecretKey key, WrappedDataKey wrapped) {
    }

    @Override
    public byte[] seal(byte[] plain) {
        return envelope(dataKey.wrapped(), AesGcm.encrypt(dataKey.key(), plain, ASSOCIATED));
    }

    /**
     * @throws IOException              when the data key is wrapped under a key no longer held
     * @throws IllegalArgumentException when the blob is torn or was altered
     */
    @Override
    public byte[] open(byte[] bytes) throws IOException {
        if (!isSealed(bytes)) {
            return bytes;
        }
        var blob = Blob.parse(bytes);
        return AesGcm.decrypt(keyOf(blob.wrapped()), blob.sealed(), ASSOCIATED);
    }

    /**
     * The same key material, sealed, and its data key wrapped under the current wrapping key: clear bytes are sealed,
     * a blob whose data key is wrapped under an older key gets it re-wrapped (its ciphertext unchanged); the rest is
     * returned as it is, as is a blob whose header is torn.
     */
    public byte[] resealed(byte[] bytes) {
        if (!isSealed(bytes)) {
            return seal(bytes);
        }
        var blob = Blob.parse(bytes);
        if (blob.wrapped().keyId().equals(wrappingKeys.currentId())) {
            return bytes;
        }
        try {
            return envelope(wrappingKeys.wrap(keyOf(blob.wrapped()).getEncoded()), blob.sealed());
        } catch (IOException keyNotHeld) {
            throw new UncheckedIOException(keyNotHeld);
        } catch (IllegalArgumentException torn) {
            return bytes; // a torn header: left for the read, which falls back to the previous generation
        }
    }

    /** The id of the wrapping key {@code bytes}' data key is wrapped under; empty for clear bytes. */
    public static java.util.Optional<String> wrappingKeyOf(byte[] bytes) {
        return isSealed(bytes) ? java.util.Optional.of(Blob.parse(bytes).wrapped().keyId()) : java.util.Optional.empty();
    }

    public static boolean isSealed(byte[] bytes) {
        return bytes.length > MAGIC.length && Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    private SecretKey keyOf(WrappedDataKey wrapped) throws IOException {
        var cacheKey = wrapped.keyId() + ":" + Base64.getEncoder().encodeToString(wrapped.wrapped());
        var known = unwrapped.get(cacheKey);
        if (known != null) {
            return known;
        }
        SecretKey key = new SecretKeySpec(wrappingKeys.unwrap(wrapped), "AES");
        unwrapped.put(cacheKey, key);
        return key;
    }

    private static byte[] envelope(WrappedDataKey wrapped, byte[] sealed) {
        var out = new ByteArrayOutputStream(sealed.length + 128);
        try (var data = new DataOutputStream(out)) {
            data.write(MAGIC);
            var id = wrapped.keyId().getBytes(StandardCharsets.UTF_8);
            data.writeByte(id.length);
            data.write(id);
            data.writeShort(wrapped.wrapped().length);
            data.write(wrapped.wrapped());
            data.write(sealed);
        } catch (IOException inMemory) {
            throw new UncheckedIOException(inMemory);
        }
        return out.toByteArray();
    }

    private record Blob(WrappedDataKey wrapped, byte[] sealed) {

        static Blob parse(byte[] bytes) {
            try (var data = new DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
                data.skipNBytes(MAGIC.length);
                var id = new String(data.readNBytes(data.readUnsignedByte()), StandardCharsets.UTF_8);
                var wrapped = data.readNBytes(data.readUnsignedShort());
                return new Blob(new WrappedDataKey(id, wrapped), data.readAllBytes());
            } catch (IOException torn) {
                throw new IllegalArgumentException("a sealed blob's header is torn", torn);
            }
        }
    }
}
