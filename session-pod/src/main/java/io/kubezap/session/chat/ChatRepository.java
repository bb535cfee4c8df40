package io.kubezap.session.chat;

import io.kubezap.session.address.Address;

import io.kubezap.session.db.SessionDb;
import io.kubezap.session.db.SqlStep;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code chats}: one row per conversation, kept current as messages are stored. */
@Singleton
public class ChatRepository {

    private static final int PREVIEW = 100;
    private static final String SELECT = "select chats.*, " + Address.mappedColumns("chats", "chats.jid") + " from chats";
    private static final RowMapper<Chat> CHAT = (rs, ctx) -> chat(rs, Address.of(rs.getString("jid"), rs.getString("mapped_lid"),
            rs.getString("mapped_phone")));

    private static Chat chat(java.sql.ResultSet rs, Address address) throws java.sql.SQLException {
        return new Chat(rs.getString("jid"), address.lid(), address.phoneNumber(), rs.getString("name"),
            rs.getLong("message_count"), rs.getLong("unread_count"), rs.getString("last_message_id"),
            SessionDb.instant(rs, "last_message_at"), rs.getString("last_message_preview"),
            (Boolean) rs.getObject("last_message_from_me"));
    }

    private final SessionDb db;

    public ChatRepository(SessionDb db) {
        this.db = db;
    }

    /**
     * Counts a new message in its chat (an incoming one as unread); {@code name} (may be null) replaces the stored one
     * only when given. The latest message is the one with the latest time, whatever order they are stored in.
     */
    public void recordMessage(Handle handle, String name, ChatEntry message) {
        SqlStep step = recordMessageStep(name, message, "");
        step.bindTo(db.update(handle, step.sql())).execute();
    }

    /** A chat the phone's history names: created (without messages yet) unless known; its name, when given, kept. */
    public void recordKnown(Handle handle, String jid, String name, Instant at) {
        db.update(handle, """
                        insert into chats (namespace, session, jid, name, created_at) values (:ns, :session, :jid, :name, :at)
                        on conflict (namespace, session, jid) do update set name = coalesce(excluded.name, chats.name)""")
                .bind("jid", jid).bind("name", name).bind("at", at).execute();
    }

    /** Counts a message of the phone's history in its chat: as {@link #recordMessage}, never as unread. */
    public void recordPastMessage(Handle handle, String name, ChatEntry message) {
        SqlStep step = recordMessageStep(name, message, "", false);
        step.bindTo(db.update(handle, step.sql())).execute();
    }

    /** The chat's row for a new message: created with it, or its counters and latest message brought up to date. */
    public SqlStep recordMessageStep(String name, ChatEntry message, String source) {
        return recordMessageStep(name, message, source, true);
    }

    private SqlStep recordMessageStep(String name, ChatEntry message, String source, boolean countUnread) {
        return new SqlStep("""
                insert into chats (namespace, session, jid, name, message_count, unread_count, last_message_id,
                                   last_message_at, last_message_preview, last_message_from_me, created_at)
                select :ns, :session, :chatJid, :chatName, 1, :chatUnread, :chatMessageId, :chatAt, :chatPreview, :chatFromMe, :chatAt
                """ + source + """

                on conflict (namespace, session, jid) do update set
                    name = coalesce(excluded.name, chats.name),
                    message_count = chats.message_count + 1,
                    unread_count = chats.unread_count + excluded.unread_count,
                    last_message_id = case when chats.last_message_at > excluded.last_message_at
                        then chats.last_message_id else excluded.last_message_id end,
                    last_message_preview = case when chats.last_message_at > excluded.last_message_at
                        then chats.last_message_preview else excluded.last_message_preview end,
                    last_message_from_me = case when chats.last_message_at > excluded.last_message_at
                        then chats.last_message_from_me else excluded.last_message_from_me end,
                    last_message_at = greatest(chats.last_message_at, excluded.last_message_at)""",
                statement -> statement.bind("chatJid", message.chat()).bind("chatName", name).bind("chatMessageId", message.messageId())
                        .bind("chatAt", message.at()).bind("chatPreview", preview(message.type(), message.text()))
                        .bind("chatFromMe", message.fromMe()).bind("chatUnread", message.fromMe() || !countUnread ? 0 : 1));
    }

    /** The chat's latest message changed what it shows (edited or deleted). */
    public void refreshPreview(Handle handle, ChatEntry message, String shown) {
        db.update(handle, """
                        update chats set last_message_preview = :preview
                        where namespace = :ns and session = :session and jid = :jid and last_message_id = :id""")
                .bind("jid", message.chat()).bind("id", message.messageId()).bind("preview", preview(message.type(), shown))
                .execute();
    }

    /** Everything in the chat is read now; false when there is no such chat. */
    public boolean markRead(Handle handle, String jid) {
        return db.update(handle, "update chats set unread_count = 0 where namespace = :ns and session = :session and jid = :jid")
                .bind("jid", jid).execute() == 1;
    }

    static String preview(String type, String text) {
        if (text == null || text.isBlank()) {
            return "[" + type + "]";
        }
        return text.length() <= PREVIEW ? text : text.substring(0, PREVIEW - 1) + "…";
    }

    /** Most recently active first. */
    public List<Chat> recent(int limit) {
        return db.read(handle -> db.query(handle, SELECT + """
                         where namespace = :ns and session = :session
                        order by last_message_at desc nulls last, jid limit :limit""")
                .bind("limit", limit).map(CHAT).list());
    }

    public Optional<Chat> find(String jid) {
        return db.read(handle -> db.query(handle,
                        SELECT + " where namespace = :ns and session = :session and jid = :jid")
                .bind("jid", jid).map(CHAT).findOne());
    }
}
