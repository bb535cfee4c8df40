package io.kubezap.session.keystore.sealing;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Wrapping keys from a Secret the operator passes as {@code KUBEZAP_KEY_WRAPPING_KEYS}: {@code <id>:<base64 AES key>}
 * entries separated by commas, the first one current, the others older keys still accepted (a rotation puts the new
 * key first and drops the old one once every session re-wrapped its data key). Each data key is wrapped with AES-GCM,
 * its key id bound as associated data.
 */
public final class SecretWrappingKeys implements WrappingKeys {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final Map<String, SecretKey> keys;
    private final String currentId;

    private SecretWrappingKeys(Map<String, SecretKey> keys) {
        this.keys = keys;
        this.currentId = keys.keySet().iterator().next();
    }

    /** @throws IllegalArgumentException naming what is wrong with {@code setting} (never a key's value) */
    public static SecretWrappingKeys parse(String setting) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        for (String entry : setting.split(",")) {
            var trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            var id = colon < 0 ? "" : trimmed.substring(0, colon);
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("each entry is <id>:<base64 key>, the id of 1 to 64 letters, digits, '.', '_' or '-'");
            }
            if (keys.put(id, key(id, trimmed.substring(colon + 1))) != null) {
                throw new IllegalArgumentException("key id '" + id + "' is given twice");
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no key given");
        }
        return new SecretWrappingKeys(keys);
    }

    private static SecretKey key(String id, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("key '" + id + "' is not base64");
        }
        if (bytes.length != 32) {
            throw new IllegalArgumentException("key '" + id + "' must be 32 bytes (AES-256), it is " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    @Override
    public String currentId() {
        return currentId;
    }

    @Override
    public WrappedDataKey wrap(byte[] dataKey) {
        return new WrappedDataKey(currentId, AesGcm.encrypt(keys.get(currentId), dataKey, associated(currentId)));
    }

    @Override
    public byte[] unwrap(WrappedDataKey wrapped) throws IOException {
        var key = keys.get(wrapped.keyId());
        if (key == null) {
            throw new IOException("the WhatsApp key store's data key is wrapped with key '" + wrapped.keyId()
                    + "', which KUBEZAP_KEY_WRAPPING_KEYS does not hold (it holds " + keys.keySet()
                    + "): keep the old key in the Secret until every session re-wrapped its data key");
        }
        return AesGcm.decrypt(key, wrapped.wrapped(), associated(wrapped.keyId()));
    }

    @Override
    public boolean holds(String keyId) {
        return keys.containsKey(keyId);
    }

    private static byte[] associated(String keyId) {
        return ("kubezap data key wrapped by " + keyId).getBytes(StandardCharsets.UTF_8);
    }
}
