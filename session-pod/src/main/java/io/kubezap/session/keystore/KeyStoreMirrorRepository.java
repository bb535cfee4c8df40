package io.kubezap.session.keystore;

import io.kubezap.session.db.SessionDb;
import io.kubezap.session.engine.KeyStoreCopy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code key_store_mirrors}: the copy of the session's WhatsApp key store, one row per session, written only while this
 * pod holds the session's {@link KeyStoreLease}.
 */
@Singleton
public class KeyStoreMirrorRepository implements KeyStoreMirrorTable {

    private final SessionDb db;
    private final KeyStoreLease lease;
    private final Clock clock;

    @Inject
    public KeyStoreMirrorRepository(SessionDb db, KeyStoreLease lease) {
        this(db, lease, Clock.systemUTC());
    }

    KeyStoreMirrorRepository(SessionDb db, KeyStoreLease lease, Clock clock) {
        this.db = db;
        this.lease = lease;
        this.clock = clock;
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
        return db.read(handle -> db.query(handle, """
                        select device, keys, store, written_at from key_store_mirrors
                        where namespace = :ns and session = :session""")
                .map(rs -> new KeyStoreCopy(rs.getObject("device", UUID.class), rs.getBytes("keys"),
                        rs.getBytes("store"), SessionDb.instant(rs, "written_at")))
                .findOne());
    }

    @Override
    public void write(KeyStoreCopy copy) {
        db.useTransaction(handle -> {
            lease.checkWithin(handle, true);
            writeWithin(handle, copy);
        });
    }

    private void writeWithin(io.kubezap.session.db.Handle handle, KeyStoreCopy copy) {
        db.update(handle, """
                        insert into key_store_mirrors (namespace, session, device, keys, store, written_at, mirrored_at)
                        values (:ns, :session, :device, :keys, :store, :writtenAt, :mirroredAt)
                        on conflict (namespace, session) do update set device = excluded.device, keys = excluded.keys,
                            store = excluded.store, written_at = excluded.written_at, mirrored_at = excluded.mirrored_at""")
                .bind("device", copy.device())
                .bind("keys", copy.keys())
                .bind("store", copy.store())
                .bind("writtenAt", copy.writtenAt())
                .bind("mirroredAt", clock.instant())
                .execute();
    }

    @Override
    public void delete() {
        db.useTransaction(handle -> db.update(handle,
                "delete from key_store_mirrors where namespace = :ns and session = :session").execute());
    }
}
