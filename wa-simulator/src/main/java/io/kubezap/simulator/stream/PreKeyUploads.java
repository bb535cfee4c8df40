package io.kubezap.simulator.stream;

import io.kubezap.simulator.signal.PreKeyBundle;
import it.auties.whatsapp.model.node.Node;

import java.util.Arrays;
import java.util.Optional;

/**
 * Reads a device's {@code <iq xmlns="encrypt" type="set">} pre-key upload: {@code registration}
 * (4 bytes), {@code identity}, {@code list} of {@code key} (3-byte {@code id}, {@code value}) and
 * the signed pre-key {@code skey} (id, value, signature).
 */
final class PreKeyUploads {
    private PreKeyUploads() {
    }

    static Optional<PreKeyBundle> read(Node iq) {
        var registration = bytes(iq, "registration");
        var identity = bytes(iq, "identity");
        var signed = iq.findChild("skey");
        if (registration.isEmpty() || identity.isEmpty() || signed.isEmpty()) {
            return Optional.empty();
        }
        var signedId = bytes(signed.get(), "id");
        var signedKey = bytes(signed.get(), "value");
        var signature = bytes(signed.get(), "signature");
        if (signedId.isEmpty() || signedKey.isEmpty() || signature.isEmpty()) {
            return Optional.empty();
        }
        var oneTimeKeys = iq.findChild("list").stream()
                .flatMap(list -> list.listChildren("key").stream())
                .flatMap(key -> bytes(key, "id").flatMap(id -> bytes(key, "value")
                        .map(value -> new PreKeyBundle.OneTimePreKey(unsigned(id), rawKey(value)))).stream())
                .toList();
        return Optional.of(new PreKeyBundle(unsigned(registration.get()), rawKey(identity.get()), unsigned(signedId.get()),
                rawKey(signedKey.get()), signature.get(), oneTimeKeys));
    }

    private static Optional<byte[]> bytes(Node parent, String child) {
        return parent.findChild(child).flatMap(Node::contentAsBytes);
    }

    private static int unsigned(byte[] bigEndian) {
        var value = 0;
        for (var part : bigEndian) {
            value = value << 8 | (part & 0xFF);
        }
        return value;
    }

    /** Keys travel raw (32 bytes) or with Signal's type byte in front (33). */
    private static byte[] rawKey(byte[] key) {
        return key.length == 33 ? Arrays.copyOfRange(key, 1, 33) : key;
    }
}
