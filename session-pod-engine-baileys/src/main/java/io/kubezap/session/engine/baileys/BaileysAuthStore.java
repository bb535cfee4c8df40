package io.kubezap.session.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubezap.cobalt.files.DurableFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * Baileys' auth state (its credentials and Signal keys, opaque JSON the bridge encodes), kept by the pod in the session's
 * key store location, {@code <data dir>/baileys/auth.json}, as a {@link DurableFile}: written whole on every change the
 * bridge reports, fsynced and renamed atomically, its previous generation kept for a read that cannot decode the current one.
 */
final class BaileysAuthStore {

    private final ObjectMapper json;
    private final Path file;
    private ObjectNode state;

    BaileysAuthStore(ObjectMapper json, Path dataDir) {
        this.json = json;
        this.file = dataDir.resolve("baileys").resolve("auth.json");
    }

    /** What is stored, for the bridge's {@code start}; empty when the session was never linked. */
    synchronized ObjectNode load() {
        if (state == null) {
            state = read();
        }
        return state.deepCopy();
    }

    /**
     * Whether the stored credentials belong to a linked device: Baileys keeps the companion's signed device identity
     * ({@code account}) from the moment linking succeeds ({@code registered} is only ever set by a pairing code).
     */
    synchronized boolean registered() {
        JsonNode creds = load().path("creds");
        return creds.hasNonNull("account") || creds.path("registered").asBoolean();
    }

    /** The bridge's {@code auth} event: new credentials (all of them); {@code reset}: the keys are gone too. */
    synchronized void credentials(JsonNode creds, boolean reset) {
        load();
        if (reset) {
            state.putObject("keys");
        }
        state.set("creds", creds);
        write();
    }

    /** The bridge's {@code keys} event: per key type, ids set to a value, or to null (deleted). */
    synchronized void keys(JsonNode set) {
        load();
        ObjectNode keys = state.has("keys") ? (ObjectNode) state.get("keys") : state.putObject("keys");
        for (Iterator<Map.Entry<String, JsonNode>> types = set.fields(); types.hasNext(); ) {
            var type = types.next();
            ObjectNode ofType = keys.has(type.getKey()) ? (ObjectNode) keys.get(type.getKey()) : keys.putObject(type.getKey());
            type.getValue().fields().forEachRemaining(entry -> {
                if (entry.getValue().isNull()) {
                    ofType.remove(entry.getKey());
                } else {
                    ofType.set(entry.getKey(), entry.getValue());
                }
            });
        }
        write();
    }

    private ObjectNode read() {
        if (!Files.exists(file)) {
            return json.createObjectNode();
        }
        try {
            return DurableFile.read(file, bytes -> {
                try {
                    return (ObjectNode) json.readTree(bytes);
                } catch (IOException | ClassCastException unreadable) {
                    throw new IllegalStateException("not Baileys' auth state: " + unreadable.getMessage(), unreadable);
                }
            });
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read " + file, unreadable);
        }
    }

    private void write() {
        try {
            Files.createDirectories(file.getParent());
            byte[] bytes = json.writeValueAsBytes(state);
            DurableFile.write(file, () -> bytes);
        } catch (IOException failed) {
            throw new UncheckedIOException("cannot write " + file, failed);
        }
    }
}
