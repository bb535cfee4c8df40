package io.kubezap.session.presence;

import io.kubezap.session.db.SessionDb;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.Optional;

/** {@code presences}: each contact's latest presence. */
@Singleton
public class PresenceRepository {

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

    public Optional<Presence> find(String jid) {
        return db.read(handle -> db.query(handle, "select * from presences where namespace = :ns and session = :session and jid = :jid")
                .bind("jid", jid)
                .map((rs, ctx) -> new Presence(rs.getString("jid"), rs.getString("state"), SessionDb.instant(rs, "last_seen"),
                        SessionDb.instant(rs, "updated_at")))
                .findOne());
    }
}
