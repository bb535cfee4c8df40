package io.kubezap.session.chat;

import io.kubezap.session.db.SessionDb;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code chats}: one row per conversation, kept current as messages are stored. */
@Singleton
public class ChatRepository {

    private static final RowMapper<Chat> CHAT = (rs, ctx) -> new Chat(rs.getString("jid"), rs.getString("name"),
            rs.getLong("message_count"), rs.getString("last_message_id"), SessionDb.instant(rs, "last_message_at"));

    private final SessionDb db;

    public ChatRepository(SessionDb db) {
        this.db = db;
    }

    /** Counts a new message in its chat; {@code name} (may be null) replaces the stored one only when given. */
    public void recordMessage(Handle handle, String jid, String name, String messageId, Instant at) {
        db.update(handle, """
                        insert into chats (namespace, session, jid, name, message_count, last_message_id, last_message_at, created_at)
                        values (:ns, :session, :jid, :name, 1, :messageId, :at, :at)
                        on conflict (namespace, session, jid) do update set
                            name = coalesce(excluded.name, chats.name),
                            message_count = chats.message_count + 1,
                            last_message_id = excluded.last_message_id,
                            last_message_at = excluded.last_message_at""")
                .bind("jid", jid).bind("name", name).bind("messageId", messageId).bind("at", at)
                .execute();
    }

    /** Most recently active first. */
    public List<Chat> recent(int limit) {
        return db.read(handle -> db.query(handle, """
                        select * from chats where namespace = :ns and session = :session
                        order by last_message_at desc nulls last, jid limit :limit""")
                .bind("limit", limit).map(CHAT).list());
    }

    public Optional<Chat> find(String jid) {
        return db.read(handle -> db.query(handle,
                        "select * from chats where namespace = :ns and session = :session and jid = :jid")
                .bind("jid", jid).map(CHAT).findOne());
    }
}
