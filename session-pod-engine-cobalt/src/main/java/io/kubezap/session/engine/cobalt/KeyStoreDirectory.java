package io.kubezap.session.engine.cobalt;

import io.kubezap.cobalt.files.DurableFile;
import io.kubezap.cobalt.files.FileRecoveries;
import io.kubezap.cobalt.files.FileSeals;
import io.kubezap.cobalt.files.FileRecovery;
import io.kubezap.contract.SessionState;
import io.kubezap.session.engine.KeyStoreCopy;
import io.kubezap.session.engine.KeyStoreMirror;
import io.kubezap.session.engine.KeyStoreTakenOver;
import io.kubezap.session.engine.WhatsAppEngine;
import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.controller.ControllerSerializer;
import it.auties.whatsapp.controller.Keys;
import it.auties.whatsapp.controller.Store;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The session's WhatsApp key store: {@code <data dir>/whatsapp}, holding Cobalt's files
 * ({@code web/<id>/keys.proto}, {@code store.proto}, chats, each with its previous generation as {@code .<name>.previous}) and
 * {@code session-id}, which names the one Cobalt session that is current. The pointer matters because Cobalt 0.0.10
 * writes the keys of a logged-out session once more when its socket closes; that stale copy is ignored and purged.
 * A file that cannot be decoded is replaced by its previous generation as it is read ({@link DurableFile}); what
 * was repaired is handed out by {@link #takeRepairs()}.
 *
 * <p>Each write of a linked device's keys is also owed to the {@link KeyStoreMirror} (PostgreSQL), which copies
 * {@code keys.proto} and {@code store.proto} as they are then on the volume; a start that finds the volume without
 * them puts the copy back ({@link #restoreLost()}). In storage mode Database the copy is the source of truth: written
 * through as the keys change, and put back at every start; a start first takes the session's key store, so a pod
 * that held it before can no longer write it or connect.
 */
public final class KeyStoreDirectory {

    private static final Logger LOG = Logger.getLogger(KeyStoreDirectory.class);
    private static final String SESSION_ID_FILE = "session-id";
    private static final String WIPED_SUFFIX = ".wiped-";
    private static final Duration INTERRUPTED_WRITE_AGE = Duration.ofMinutes(1);
    private static final String KEYS_FILE = "keys.proto";
    private static final String STORE_FILE = "store.proto";

    private final Path root;
    private final KeyStoreMirror mirror;
    private final AtomicReference<WhatsAppEngine.StoreRepair> restoredFromMirror = new AtomicReference<>();
    private final AtomicReference<Consumer<KeyStoreTakenOver>> takenOver = new AtomicReference<>(fenced -> {
    });
    private volatile boolean lostToAnotherPod;

    public KeyStoreDirectory(Path dataDir) {
        this(dataDir, KeyStoreMirror.NONE);
    }

    public KeyStoreDirectory(Path dataDir, KeyStoreMirror mirror) {
        this.root = dataDir.resolve("whatsapp");
        this.mirror = mirror;
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

    /**
     * Forgets every stored credential; the next {@link #currentSessionId()} starts a new device. The
     * directory is first moved aside in one step, because Cobalt may still be writing into it.
     */
    public synchronized void wipe() {
        forgetCopy();
        if (!Files.exists(root)) {
            return;
        }
        var discarded = root.resolveSibling(root.getFileName() + WIPED_SUFFIX + System.nanoTime());
        try {
            Files.move(root, discarded, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException cannotMove) {
            throw new UncheckedIOException("Cannot wipe the WhatsApp key store " + root, cannotMove);
        }
        deleteQuietly(discarded);
    }

    /**
     * Deletes whatever Cobalt left behind for sessions other than the current one, earlier wipes, and the half-made
     * files of writes a kill interrupted (hidden {@code .tmp} and {@code .previous-} files, once older than any write).
     */
    public synchronized void purgeStale() {
        var current = currentSessionId().toString();
        listQuietly(root.resolve("web")).stream()
                .filter(entry -> !entry.getFileName().toString().equals(current))
                .forEach(KeyStoreDirectory::deleteQuietly);
        listQuietly(root.getParent()).stream()
                .filter(entry -> entry.getFileName().toString().startsWith(root.getFileName() + WIPED_SUFFIX))
                .forEach(KeyStoreDirectory::deleteQuietly);
        listQuietly(root.resolve("web").resolve(current)).stream()
                .filter(KeyStoreDirectory::isInterruptedWrite)
                .forEach(KeyStoreDirectory::deleteQuietly);
    }

    private static boolean isInterruptedWrite(Path file) {
        var name = file.getFileName().toString();
        return name.startsWith(".") && (name.endsWith(".tmp") || name.contains(DurableFile.PREVIOUS + "-"))
                && olderThan(file, INTERRUPTED_WRITE_AGE);
    }

    private static boolean olderThan(Path file, Duration age) {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(Instant.now().minus(age));
        } catch (IOException gone) {
            return false;
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
        copyLater(keys);
    }

    /**
     * Writes the store now (and its copy), for what the store alone holds and must not wait for Cobalt's next write:
     * the contacts' privacy tokens, which WhatsApp gives once. A failure is logged; a later write catches up.
     */
    public void flushStore(Keys keys, Store store) {
        try {
            serializer().serializeStore(store, false).join();
        } catch (RuntimeException cannotWrite) {
            LOG.warnf("WhatsApp store not written this time: %s", cannotWrite.toString());
            return;
        }
        copyLater(keys);
    }

    /**
     * Writes the keys now, Signal sessions included: Cobalt itself writes them only every few pings, so
     * a process killed after a send or a first message from someone would come back without the
     * session those started, and the other side's next messages would not decrypt. (Runs for every message in and
     * out: kubezap-cobalt-patches' serializer writes the file at once, not a field per system call as Cobalt's.)
     */
    public void flushKeys(Keys keys) {
        if (written(keys)) {
            copyLater(keys);
        }
    }

    /**
     * {@link #flushKeys} for keys that decrypted a received message, which {@code handOver} hands over to be stored:
     * the file is written first, and its copy (storage mode Database) in the transaction that stores the message, so
     * the database has both or neither ({@link KeyStoreMirror#changedWith}). On a volume that is the key store's source
     * of truth (storage mode Volume) the message is stored first, as the keys that decrypted it, if written first and
     * then lost with the message, would not decrypt it again when WhatsApp delivers it anew.
     */
    public void flushKeysWith(Keys keys, Runnable handOver) {
        if (!mirror.authoritative()) {
            handOver.run();
            flushKeys(keys);
            return;
        }
        if (!written(keys) || !keys.registered()) {
            handOver.run();
            return;
        }
        try {
            mirror.changedWith(this::copy, handOver);
        } catch (KeyStoreTakenOver fenced) {
            reportTakenOver(fenced);
        }
    }

    private boolean written(Keys keys) {
        try {
            serializer().serializeKeys(keys, false).join();
            return true;
        } catch (RuntimeException cannotWrite) {
            // never into the message or send that asked: the file keeps its last whole generation, a later write catches up
            LOG.warnf("WhatsApp keys not written this time: %s", cannotWrite.toString());
            return false;
        }
    }

    /**
     * A linked device's store is owed to the mirror (written now in storage mode Database); an unlinked one's is worth
     * nothing there. A write refused because another pod took the session goes to {@link #whenTakenOver}.
     */
    private void copyLater(Keys keys) {
        if (keys.registered()) {
            try {
                mirror.changed(this::copy);
            } catch (KeyStoreTakenOver fenced) {
                reportTakenOver(fenced);
            }
        }
    }

    private void reportTakenOver(KeyStoreTakenOver fenced) {
        lostToAnotherPod = true;
        takenOver.get().accept(fenced);
    }

    /**
     * Whether a key store write found that another pod took the session: then a received message is not stored here
     * (its transaction was refused with the keys), and must not be acknowledged either, so WhatsApp delivers it to the
     * pod that holds the session.
     */
    boolean lostToAnotherPod() {
        return lostToAnotherPod;
    }

    /** What to do once a key store write finds that another pod took the session (stop connecting). */
    void whenTakenOver(Consumer<KeyStoreTakenOver> reaction) {
        takenOver.set(reaction);
    }

    /**
     * Before each connection.
     *
     * @throws KeyStoreTakenOver when another pod of the session took its key store since this one started
     */
    void checkHeld() {
        try {
            mirror.checkHeld();
        } catch (KeyStoreTakenOver fenced) {
            throw fenced;
        } catch (RuntimeException cannotTell) {
            // the database does not answer: the writes stay fenced, and a pod that cannot write its keys loses nothing
            LOG.debugf("Could not check the key store's lease before connecting: %s", cannotTell.toString());
        }
    }

    /** The current device's keys and store as they are on the volume now; empty while either is missing. */
    Optional<KeyStoreCopy> copy() {
        if (!Files.exists(root.resolve(SESSION_ID_FILE))) {
            return Optional.empty();
        }
        var device = currentSessionId();
        var keys = deviceFile(device, KEYS_FILE);
        var store = deviceFile(device, STORE_FILE);
        try {
            if (!Files.exists(keys) || !Files.exists(store)) {
                return Optional.empty();
            }
            // each file is replaced by a rename, never rewritten in place: a read sees one whole generation
            return Optional.of(new KeyStoreCopy(device, opened(keys), opened(store), Files.getLastModifiedTime(keys).toInstant()));
        } catch (IOException replacedOrWiped) {
            throw new UncheckedIOException("Cannot read the WhatsApp key store to copy it", replacedOrWiped);
        }
    }

    /** The file's bytes as the engine wrote them (opened, when the key store is sealed at rest: the mirror seals its copy). */
    private static byte[] opened(Path file) throws IOException {
        return FileSeals.of(file).open(Files.readAllBytes(file));
    }

    /** The device was banned: its copy goes (see {@link KeyStoreMirror#forget}); {@link #wipe()} does it too. */
    public void forgetCopy() {
        if (Files.exists(root.resolve(SESSION_ID_FILE))) {
            mirror.forget(currentSessionId());
        }
    }

    /** At a clean stop, after the last write: the copy catches up, waiting at most {@code patience}. */
    public void flushCopy(Duration patience) {
        if (!mirror.flush(patience)) {
            LOG.warnf("The WhatsApp key store's copy in PostgreSQL could not be brought up to date within %ds at "
                    + "shutdown; it stays as it was", patience.toSeconds());
        }
    }

    /**
     * Puts back the mirror's copy when the volume holds no readable key store for the device the copy is of: an empty
     * (new) volume, or keys or store unreadable in both generations. Whatever the volume can read wins: the copy
     * follows the volume, so it is never newer, and a volume that names another device than the copy moved on (a
     * logout whose deletion of the copy never reached the database). Reported by {@link #takeRepairs()}.
     *
     * @throws RuntimeException when the copy cannot be read (the database does not answer): starting without it
     *                          would link a new device
     */
    public synchronized void restoreLost() {
        take();
        if (mirror.authoritative()) {
            restoreFromSourceOfTruth();
            return;
        }
        var pointed = Files.exists(root.resolve(SESSION_ID_FILE));
        var keysReadable = pointed && serializer().deserializeKeys(ClientType.WEB, currentSessionId()).isPresent();
        var storeReadable = pointed && serializer().deserializeStore(ClientType.WEB, currentSessionId()).isPresent();
        if (keysReadable && storeReadable) {
            return;
        }
        var kept = mirror.read();
        if (kept.isEmpty()) {
            return;
        }
        var copy = kept.get();
        if (pointed && !currentSessionId().equals(copy.device())) {
            LOG.infof("The WhatsApp key store's copy in PostgreSQL is of device %s, the volume names %s: not restored",
                    copy.device(), currentSessionId());
            return;
        }
        try {
            if (!keysReadable) {
                DurableFile.write(deviceFile(copy.device(), KEYS_FILE), copy::keys);
            }
            if (!storeReadable) {
                DurableFile.write(deviceFile(copy.device(), STORE_FILE), copy::store);
            }
            if (!pointed) {
                DurableFile.write(root.resolve(SESSION_ID_FILE), () -> copy.device().toString().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException cannotWrite) {
            throw new UncheckedIOException("Cannot restore the WhatsApp key store into " + root, cannotWrite);
        }
        var repair = new WhatsAppEngine.StoreRepair(SessionState.StoreRepair.KEY_STORE_RESTORED_FROM_DATABASE,
                "The WhatsApp key store " + (pointed ? "could not be read from the volume" : "was not on the volume")
                        + "; restored from its copy in PostgreSQL (written " + copy.writtenAt() + "): the device stays"
                        + " linked; messages that arrived after that copy may reach the session again through retry"
                        + " receipts, or be reported as message.undecryptable");
        restoredFromMirror.set(repair);
        LOG.info(repair.message());
    }

    /** In storage mode Volume a start goes on without the lease while the database is away: the volume is the guard. */
    private void take() {
        try {
            mirror.take();
        } catch (RuntimeException databaseAway) {
            if (mirror.authoritative()) {
                throw databaseAway;
            }
            LOG.warnf("Could not take the key store's lease (%s): starting on the volume's key store", databaseAway.toString());
        }
    }

    /**
     * Storage mode Database: the copy is put back over whatever the data directory holds (nothing, on a new node; what
     * this pod's container wrote before a restart; or what a pod wrote before another took the session over). Not a
     * repair: it is how every start goes.
     */
    private void restoreFromSourceOfTruth() {
        var kept = mirror.read();
        if (kept.isEmpty()) {
            return;
        }
        var copy = kept.get();
        try {
            DurableFile.write(deviceFile(copy.device(), KEYS_FILE), copy::keys);
            DurableFile.write(deviceFile(copy.device(), STORE_FILE), copy::store);
            DurableFile.write(root.resolve(SESSION_ID_FILE), () -> copy.device().toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException cannotWrite) {
            throw new UncheckedIOException("Cannot put the WhatsApp key store into " + root, cannotWrite);
        }
        LOG.infof("The WhatsApp key store of device %s was read from PostgreSQL (written %s)", copy.device(), copy.writtenAt());
    }

    private Path deviceFile(UUID device, String name) {
        return root.resolve("web").resolve(device.toString()).resolve(name);
    }

    /** What reads of this store repaired since the last call (see {@link FileRecoveries}), each handed out once. */
    public List<WhatsAppEngine.StoreRepair> takeRepairs() {
        var repairs = FileRecoveries.takeUnder(root).stream().map(KeyStoreDirectory::repair);
        var restored = restoredFromMirror.getAndSet(null);
        if (restored == null) {
            return repairs.toList();
        }
        // what was unreadable is whole again: the device need not be linked again
        return Stream.concat(repairs.filter(repair -> !repair.reason().equals(SessionState.StoreRepair.KEY_STORE_UNREADABLE)),
                Stream.of(restored)).toList();
    }

    private static WhatsAppEngine.StoreRepair repair(FileRecovery recovery) {
        var file = recovery.file().getFileName();
        if (recovery.restored()) {
            return new WhatsAppEngine.StoreRepair(SessionState.StoreRepair.KEY_STORE_RESTORED, "The WhatsApp key store's " + file
                    + " could not be read (" + recovery.cause() + "); the session went on from its previous copy");
        }
        return new WhatsAppEngine.StoreRepair(SessionState.StoreRepair.KEY_STORE_UNREADABLE, "The WhatsApp key store's " + file
                + " could not be read, nor any earlier copy (" + recovery.cause() + "); kept as "
                + DurableFile.sibling(recovery.file(), DurableFile.UNREADABLE).getFileName() + "; the device must be linked again");
    }

    /** Best effort: what cannot be deleted now (Cobalt still writing) is purged at the next start. */
    private static void deleteQuietly(Path path) {
        try (Stream<Path> tree = Files.walk(path)) {
            tree.sorted(Comparator.reverseOrder()).forEach(KeyStoreDirectory::deleteIfExists);
        } catch (IOException | UncheckedIOException stillInUse) {
            LOG.debugf("Could not delete %s yet: %s", path, stillInUse.toString());
        }
    }

    private static void deleteIfExists(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException stillInUse) {
            LOG.debugf("Could not delete %s yet: %s", path, stillInUse.toString());
        }
    }

    private static List<Path> listQuietly(Path directory) {
        if (directory == null || !Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.toList();
        } catch (IOException unreadable) {
            LOG.debugf("Could not list %s: %s", directory, unreadable.toString());
            return List.of();
        }
    }
}
