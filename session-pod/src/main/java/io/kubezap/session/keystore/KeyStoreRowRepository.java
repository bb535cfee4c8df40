package io.kubezap.session.keystore;

import io.kubezap.session.db.Handle;
import io.kubezap.session.db.ReceivedMessageTransaction;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.engine.KeyStoreCopy;
import io.kubezap.session.keystore.sealing.KeyStoreSealing;
import jakarta.inject.Inject;
import io.kubezap.session.host.scope.PerSession;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Storage mode Database's key store, {@code key_store_entries}: a row per entry of its files ({@link KeyStoreEntries}),
 * so a write changes only the entries that changed since the last one (a Signal session, a counter), in one
 * transaction that presents this pod's fencing token ({@link KeyStoreLease}), which the database checks row by row.
 * What the table holds is remembered from the last write (this pod is the session's only writer while it holds the
 * lease) and read again after a failed one. While no row exists (a session from before the rows) the whole copy of
 * {@link KeyStoreMirrorRepository} is read. Each row's value is sealed on its own when the key material is encrypted at
 * rest ({@link KeyStoreSealing}); rows found clear or under an older wrapping key at start are all written again by
 * the next write.
 */
@PerSession
public class KeyStoreRowRepository implements KeyStoreMirrorTable {

    static final String KEYS = "keys";
    static final String STORE = "store";

    private final SessionDb db;
    private final KeyStoreLease lease;
    private final KeyStoreMirrorRepository wholeCopy;
    private final KeyStoreSealing sealing;
    /** Held from before a write's transaction (which may be a received message's it joined) until it ended. */
    private final ReentrantLock writing = new ReentrantLock();
    private Held held;
    private Held written;
    private volatile boolean rewriteAll;

    @Inject
    public KeyStoreRowRepository(SessionDb db, KeyStoreLease lease, KeyStoreMirrorRepository wholeCopy, KeyStoreSealing sealing) {
        this.db = db;
        this.lease = lease;
        this.wholeCopy = wholeCopy;
        this.sealing = sealing;
    }

    /** The rows the table holds for the session: their device and each entry's position, by {@link KeyStoreEntry#key()}. */
    private record Held(UUID device, Map<String, Long> positions, long lastPosition) {

        static Held none(UUID device) {
            return new Held(device, Map.of(), 0);
        }
    }

    @Override
    public void take() {
        lease.take();
    }

    @Override
    public void checkHeld() {
        lease.check();
    }

    @Override
    public Optional<KeyStoreCopy> read() {
        var rows = db.read(handle -> db.query(handle, """
                        select device, file, value, written_at from key_store_entries
                        where namespace = :ns and session = :session order by file, position""")
                .map(rs -> new Row(rs.getObject("device", UUID.class), rs.getString("file"), rs.getBytes("value"),
                        SessionDb.instant(rs, "written_at")))
                .list());
        if (rows.isEmpty()) {
            return wholeCopy.read().map(copy -> new KeyStoreCopy(copy.device(), sealing.opened(copy.keys()),
                    sealing.opened(copy.store()), copy.writtenAt()));
        }
        rewriteAll = rows.stream().anyMatch(row -> sealing.staleAtRest(row.value()));
        return Optional.of(new KeyStoreCopy(rows.getFirst().device(), join(rows, KEYS), join(rows, STORE),
                rows.stream().map(Row::writtenAt).max(Instant::compareTo).orElseThrow()));
    }

    private record Row(UUID device, String file, byte[] value, Instant writtenAt) {
    }

    private byte[] join(List<Row> rows, String file) {
        return KeyStoreEntries.join(rows.stream().filter(row -> row.file().equals(file)).map(row -> sealing.opened(row.value())).toList());
    }

    @Override
    public void write(KeyStoreCopy copy) {
        boolean committed = false;
        writing.lock();
        try {
            db.useTransaction(handle -> writeWithin(handle, copy));
            committed = true;
        } finally {
            ended(committed);
        }
    }

    @Override
    public Optional<ReceivedMessageTransaction.JoiningWrite> joining(Supplier<Optional<KeyStoreCopy>> current) {
        return Optional.of(new ReceivedMessageTransaction.JoiningWrite() {
            @Override
            public void begin() {
                writing.lock();
            }

            @Override
            public void write(Handle handle) {
                current.get().ifPresent(copy -> writeWithin(handle, copy));
            }

            @Override
            public void ended(boolean committed) {
                KeyStoreRowRepository.this.ended(committed);
            }

            @Override
            public boolean refusesTheMessage(RuntimeException failure) {
                return KeyStoreLease.fenced(failure);
            }
        });
    }

    /**
     * The write in the caller's transaction, begun holding {@link #writing}, which {@link #ended} lets go once that
     * transaction ended: no other write of the key store runs meanwhile (each computes what changed from what the table
     * holds after the one before). The lock is taken before the transaction begins, never inside it: a transaction
     * that holds rows (the storage accounting's, a received message's) must not wait for a write that needs them.
     */
    private void writeWithin(Handle handle, KeyStoreCopy copy) {
        var before = held;
        held = null; // until the transaction commits: a failed one may or may not have, so read the table next time
        try {
            var entries = Stream.concat(KeyStoreEntries.split(KEYS, copy.keys()).stream(),
                    KeyStoreEntries.split(STORE, copy.store()).stream()).toList();
            lease.checkWithin(handle, true);
            if (before == null) {
                before = load(handle);
            }
            if (!copy.device().equals(before.device()) || rewriteAll) {
                db.update(handle, "delete from key_store_entries where namespace = :ns and session = :session").execute();
                before = Held.none(copy.device());
            }
            written = replace(handle, before, copy, entries);
        } catch (RuntimeException failed) {
            written = null;
            throw failed;
        }
    }

    /** The transaction of {@link #writeWithin} ended: what it wrote is what the table holds when it committed. */
    private void ended(boolean committed) {
        if (!writing.isHeldByCurrentThread()) {
            return;
        }
        try {
            if (committed && written != null) {
                held = written;
                rewriteAll = false;
            }
            written = null;
        } finally {
            writing.unlock();
        }
    }

    /** Deletes the rows of entries the copy no longer has, inserts those it has new; returns what the table holds then. */
    private Held replace(Handle handle, Held before, KeyStoreCopy copy, List<KeyStoreEntry> entries) {
        var positions = new LinkedHashMap<String, Long>();
        long last = before.lastPosition();
        var added = new ArrayList<KeyStoreEntry>();
        for (var entry : entries) {
            Long kept = before.positions().get(entry.key());
            if (kept == null) {
                added.add(entry);
                positions.put(entry.key(), ++last);
            } else {
                positions.put(entry.key(), kept);
            }
        }
        var gone = before.positions().keySet().stream().filter(key -> !positions.containsKey(key)).toList();
        for (String file : List.of(KEYS, STORE)) {
            var names = gone.stream().filter(key -> key.startsWith(file + "/")).map(key -> key.substring(file.length() + 1)).toList();
            if (!names.isEmpty()) {
                db.update(handle, """
                                delete from key_store_entries where namespace = :ns and session = :session
                                and file = :file and entry = any(:names)""")
                        .bind("file", file).bindArray("names", String.class, names).execute();
            }
        }
        for (var entry : added) {
            insert(handle, copy, entry, positions.get(entry.key()));
        }
        return new Held(copy.device(), Map.copyOf(positions), last);
    }

    /** The one place an entry's bytes go to the database (see {@link #read()} for the way back). */
    private void insert(Handle handle, KeyStoreCopy copy, KeyStoreEntry entry, long position) {
        db.update(handle, """
                        insert into key_store_entries (namespace, session, device, file, entry, position, value, written_at)
                        values (:ns, :session, :device, :file, :entry, :position, :value, :writtenAt)""")
                .bind("device", copy.device())
                .bind("file", entry.file())
                .bind("entry", entry.name())
                .bind("position", position)
                .bind("value", sealing.sealed(entry.value()))
                .bind("writtenAt", copy.writtenAt())
                .execute();
    }

    private record HeldRow(UUID device, String key, long position) {
    }

    private Held load(Handle handle) {
        var rows = db.query(handle, """
                        select device, file, entry, position from key_store_entries
                        where namespace = :ns and session = :session""")
                .map(rs -> new HeldRow(rs.getObject("device", UUID.class), rs.getString("file") + "/" + rs.getString("entry"),
                        rs.getLong("position")))
                .list();
        if (rows.isEmpty()) {
            return Held.none(null);
        }
        var positions = new HashMap<String, Long>();
        rows.forEach(row -> positions.put(row.key(), row.position()));
        return new Held(rows.getFirst().device(), positions,
                positions.values().stream().mapToLong(Long::longValue).max().orElse(0));
    }

    @Override
    public void delete() {
        writing.lock();
        try {
            held = null;
            db.useTransaction(handle -> {
                lease.checkWithin(handle, false);
                db.update(handle, "delete from key_store_entries where namespace = :ns and session = :session").execute();
            });
        } finally {
            writing.unlock();
        }
        wholeCopy.delete();
    }
}
