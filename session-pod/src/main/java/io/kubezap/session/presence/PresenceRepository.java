package io.kubezap.session.presence;

import io.kubezap.session.address.Address;
import io.kubezap.session.db.Handle;
import io.kubezap.session.db.SessionDb;
import jakarta.inject.Singleton;

import java.util.Optional;

/** {@code presences}: each contact's latest presence. */
@Singleton
public class PresenceRepository {

    private static final String MAPPED = Address.mappedColumns("presences", "presences.jid");

    private final SessionDb db;

    public PresenceRepository(SessionDb db) {
        this.db = db;
    }

    /** Keeps a newer state; a last-seen time stays known until a newer one comes. */
    public void record(Handle handle, Presence presence) {
        db.update(handle, """
                        insert into presences (namespace, session, jid, state, last_seen, updated_at)
                        values (:ns, :session, :jid, :state, :lastSeen, :at)
                        on conflict (namespace, session, jid) do update set state = excluded.state,
                            last_seen = coalesce(excluded.last_seen, presences.last_seen), updated_at = excluded.updated_at
                        where presences.updated_at <= excluded.updated_at""")
                .bind("jid", presence.jid()).bind("state", presence.state()).bind("lastSeen", presence.lastSeen())
                .bind("at", presence.updatedAt())
                .execute();
    }

    /** The latest presence of {@code jid} (in its stored form), also when it was heard under the lid before the pairing. */
    public Optional<Presence> find(String jid) {
        return db.read(handle -> db.query(handle, "select presences.*, " + MAPPED + " from presences"
                        + " where namespace = :ns and session = :session and " + Address.storedAs("presences", "jid", "jid")
                        + " order by updated_at desc limit 1")
                .bind("jid", jid)
                .map(rs -> {
                    Address address = Address.mapped(rs.getString("jid"), rs);
                    return new Presence(address.jid(), address.lid(), address.phoneNumber(), rs.getString("state"),
                            SessionDb.instant(rs, "last_seen"), SessionDb.instant(rs, "updated_at"));
                })
                .findOne());
    }
}
