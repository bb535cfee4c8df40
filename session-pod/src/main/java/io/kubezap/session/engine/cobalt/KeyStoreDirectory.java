package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.controller.ControllerSerializer;
import it.auties.whatsapp.controller.Keys;
import it.auties.whatsapp.controller.Store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The session's WhatsApp key store: {@code <data dir>/whatsapp}, holding Cobalt's files
 * ({@code web/<id>/keys.proto}, {@code store.proto}, chats) and {@code session-id}, which names the
 * one Cobalt session that is current. The pointer matters because Cobalt 0.0.10 writes the keys of a
 * logged-out session once more when its socket closes; that stale copy is ignored and purged.
 */
public final class KeyStoreDirectory {

    private static final String SESSION_ID_FILE = "session-id";

    private final Path root;

    public KeyStoreDirectory(Path dataDir) {
        this.root = dataDir.resolve("whatsapp");
    }

    public Path root() {
        return root;
    }

    /** A serializer for this directory; each call returns a new one (see {@link #flush}). */
    public ControllerSerializer serializer() {
        return ControllerSerializer.toProtobuf(root);
    }

    /** The current session's id, created on first use and after {@link #wipe()}. */
    public synchronized UUID currentSessionId() {
        var pointer = root.resolve(SESSION_ID_FILE);
        try {
            if (Files.exists(pointer)) {
                return UUID.fromString(Files.readString(pointer, StandardCharsets.UTF_8).trim());
            }
            var id = UUID.randomUUID();
            Files.createDirectories(root);
            var temp = Files.createTempFile(root, SESSION_ID_FILE, ".tmp");
            Files.writeString(temp, id.toString(), StandardCharsets.UTF_8);
            Files.move(temp, pointer, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return id;
        } catch (IOException | IllegalArgumentException unreadable) {
            throw new IllegalStateException("Cannot read or create the WhatsApp session id in " + root, unreadable);
        }
    }

    /** true when the current session's stored keys belong to a paired device; creates nothing. */
    public boolean isRegistered() {
        if (!Files.exists(root.resolve(SESSION_ID_FILE))) {
            return false;
        }
        return serializer().deserializeKeys(ClientType.WEB, currentSessionId())
                .map(Keys::registered)
                .orElse(false);
    }

    /** Deletes every stored credential; the next {@link #currentSessionId()} starts a new device. */
    public synchronized void wipe() {
        deleteRecursively(root);
    }

    /** Deletes whatever Cobalt left behind for sessions other than the current one. */
    public synchronized void purgeStale() {
        var current = currentSessionId().toString();
        var web = root.resolve("web");
        if (!Files.isDirectory(web)) {
            return;
        }
        try (Stream<Path> entries = Files.list(web)) {
            entries.filter(entry -> !entry.getFileName().toString().equals(current))
                    .forEach(KeyStoreDirectory::deleteRecursively);
        } catch (IOException cannotList) {
            throw new UncheckedIOException(cannotList);
        }
    }

    /**
     * Writes keys and store now, unconditionally. A fresh serializer is used on purpose: Cobalt's
     * serializer skips a write when {@code hashCode()} is unchanged, and those hash codes ignore
     * Signal ratchet state and chats.
     */
    public void flush(Keys keys, Store store) {
        var serializer = serializer();
        serializer.serializeKeys(keys, false).join();
        serializer.serializeStore(store, false).join();
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(path)) {
            tree.sorted(Comparator.reverseOrder()).forEach(KeyStoreDirectory::deleteIfExists);
        } catch (IOException cannotWalk) {
            throw new UncheckedIOException(cannotWalk);
        }
    }

    private static void deleteIfExists(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException cannotDelete) {
            throw new UncheckedIOException(cannotDelete);
        }
    }
}
