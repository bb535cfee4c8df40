package io.kubezap.session.disappearing;

import io.kubezap.session.db.Handle;
import io.kubezap.session.db.SessionDb;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;

/** {@code disappearing_timers}: each chat's timer, and the account's default under the key {@value #ACCOUNT_DEFAULT}. */
@Singleton
public class DisappearingRepository {

    /** The key of the account's default timer: no chat is named by an empty JID. */
    static final String ACCOUNT_DEFAULT = "";

    private final SessionDb db;

    public DisappearingRepository(SessionDb db) {
        this.db = db;
    }

    Optional<DisappearingTimer> find(Handle handle, String key) {
        return db.query(handle, """
                        select seconds, set_by, set_at from disappearing_timers
                        where namespace = :ns and session = :session and chat_jid = :key""")
                .bind("key", key)
                .map(rs -> DisappearingTimer.of(key.isEmpty() ? null : key, rs.getInt("seconds"), rs.getString("set_by"),
                        SessionDb.instant(rs, "set_at")))
                .findOne();
    }

    /** Seconds that messages in {@code chatJid} last, 0 when they stay. */
    public int seconds(Handle handle, String chatJid) {
        return find(handle, chatJid).map(DisappearingTimer::ephemeralExpiration).orElse(0);
    }

    /**
     * Records the timer only when it differs and was last changed before {@code at} (or never); false when nothing
     * changed: an older message does not undo a newer setting.
     */
    boolean follow(Handle handle, String key, int seconds, String by, Instant at) {
        return upsert(handle, key, seconds, by, at, " and disappearing_timers.set_at < excluded.set_at");
    }

    /** Records the timer; false when it already had that value (nothing changed). */
    boolean set(Handle handle, String key, int seconds, String by, Instant at) {
        return upsert(handle, key, seconds, by, at, "");
    }

    /** Records the timer where it differs and {@code alsoWhen} holds; true when a row was written. */
    private boolean upsert(Handle handle, String key, int seconds, String by, Instant at, String alsoWhen) {
        return db.update(handle, """
                        insert into disappearing_timers (namespace, session, chat_jid, seconds, set_by, set_at)
                        values (:ns, :session, :key, :seconds, :by, :at)
                        on conflict (namespace, session, chat_jid) do update set
                            seconds = excluded.seconds, set_by = excluded.set_by, set_at = excluded.set_at
                        where disappearing_timers.seconds <> excluded.seconds""" + alsoWhen)
                .bind("key", key).bind("seconds", seconds).bind("by", by).bind("at", at)
                .execute() == 1;
    }
}
