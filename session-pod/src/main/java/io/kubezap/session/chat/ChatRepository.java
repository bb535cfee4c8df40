package io.kubezap.session.chat;

import io.kubezap.session.address.Address;

import io.kubezap.session.db.Handle;
import io.kubezap.session.db.Query;
import io.kubezap.session.db.RowMapper;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.db.SqlStep;
import io.kubezap.session.engine.ChatChange;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@code chats}: one row per conversation, kept current as messages are stored and as the account's app state says. */
@Singleton
public class ChatRepository {

    private static final int PREVIEW = 100;
    private static final String SELECT = "select chats.*, " + Address.mappedColumns("chats", "chats.jid") + """
            , array(select a.label_id from label_assignments a where a.namespace = chats.namespace and a.session = chats.session
                    and a.chat_jid = chats.jid and a.message_id = '' order by a.label_id) as label_ids
            from chats""";
    private static final String ORDER = " order by (pinned_at is null), pinned_at desc nulls last, last_activity_at desc nulls last, jid";
    private static final RowMapper<Chat> CHAT = rs -> chat(rs, Address.mapped(rs.getString("jid"), rs));

    private static Chat chat(ResultSet rs, Address address) throws SQLException {
        Instant mutedUntil = SessionDb.instant(rs, "muted_until");
        Instant pinnedAt = SessionDb.instant(rs, "pinned_at");
        return new Chat(rs.getString("jid"), address.lid(), address.phoneNumber(), rs.getString("name"),
            rs.getLong("message_count"), rs.getLong("unread_count"), rs.getString("last_message_id"),
            SessionDb.instant(rs, "last_message_at"), rs.getString("last_message_preview"),
            (Boolean) rs.getObject("last_message_from_me"), rs.getBoolean("archived"), pinnedAt != null, pinnedAt,
            mutedUntil != null && mutedUntil.isAfter(Instant.now()),
            mutedUntil == null || mutedUntil.equals(ChatChange.MUTED_FOREVER) || !mutedUntil.isAfter(Instant.now()) ? null : mutedUntil,
            rs.getBoolean("marked_unread"), labels(rs.getArray("label_ids")), SessionDb.instant(rs, "last_activity_at"));
    }

    private static List<String> labels(Array array) throws SQLException {
        return array == null ? List.of() : List.copyOf(Arrays.asList((String[]) array.getArray()));
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

    /**
     * A chat the phone's history names: created (without messages yet) unless known; its name, when given, kept; last
     * active when the history says ({@code activeAt}, may be null), unless it was active later.
     */
    public void recordKnown(Handle handle, String jid, String name, Instant activeAt, Instant at) {
        db.update(handle, """
                        insert into chats (namespace, session, jid, name, last_activity_at, created_at)
                        values (:ns, :session, :jid, :name, :activeAt, :at)
                        on conflict (namespace, session, jid) do update set name = coalesce(excluded.name, chats.name),
                            last_activity_at = greatest(chats.last_activity_at, excluded.last_activity_at)""")
                .bind("jid", jid).bind("name", name).bind("activeAt", activeAt).bind("at", at).execute();
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
                                   last_message_at, last_message_preview, last_message_from_me, last_activity_at, created_at)
                select :ns, :session, :chatJid, :chatName, 1, :chatUnread, :chatMessageId, :chatAt, :chatPreview, :chatFromMe, :chatAt,
                       :chatAt
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
                    last_message_at = greatest(chats.last_message_at, excluded.last_message_at),
                    last_activity_at = greatest(chats.last_activity_at, excluded.last_activity_at)""",
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

    /**
     * Applies what the account's app state says of a chat, creating its row when the session has not stored it yet
     * (unless the change only says the chat is as a new one would be: not archived, pinned or muted, nothing unread —
     * e.g. what a deleted chat's removed state says); false when it changed nothing (the state was already so, e.g.
     * this session's own change read back).
     */
    public boolean apply(Handle handle, String jid, ChatChange change, Instant at) {
        return switch (change) {
            case ChatChange.Archive archive -> upsert(handle, jid, at, archive.archived(), "archived = :archived",
                    "archived is distinct from :archived", "archived", archive.archived());
            case ChatChange.Pin pin -> upsert(handle, jid, at, pin.pinned(), "pinned_at = :pinnedAt", "(pinned_at is null) = :pinned",
                    "pinned", pin.pinned(), "pinnedAt", pin.pinned() ? at : null);
            case ChatChange.Mute mute -> upsert(handle, jid, at, mute.until() != null, "muted_until = :until",
                    "muted_until is distinct from :until", "until", mute.until());
            case ChatChange.MarkRead mark -> mark.read()
                    ? upsert(handle, jid, at, false, "unread_count = 0, marked_unread = false", "(unread_count > 0 or marked_unread)")
                    : upsert(handle, jid, at, true, "marked_unread = true", "not marked_unread");
            case ChatChange.Conversation c -> upsert(handle, jid, at, true, """
                            archived = :archived, pinned_at = :pinnedAt, muted_until = :until, unread_count = :unread,
                            marked_unread = :markedUnread""",
                    "(archived, pinned_at, muted_until, unread_count, marked_unread) is distinct from (:archived, :pinnedAt, :until, :unread, :markedUnread)",
                    "archived", c.archived(), "pinnedAt", c.pinnedAt(), "until", c.mutedUntil(), "unread", (int) c.unreadCount(),
                    "markedUnread", c.markedUnread());
            case ChatChange.Delete ignored -> delete(handle, jid);
            case ChatChange.Clear clear -> clear(handle, jid, clear.keepStarred());
            case ChatChange.Star star -> db.update(handle, """
                            update messages set starred = :starred
                            where namespace = :ns and session = :session and chat_jid = :jid and wa_message_id = :id
                              and starred <> :starred""")
                    .bind("jid", jid).bind("id", star.messageId()).bind("starred", star.starred()).execute() > 0;
            case ChatChange.Label label -> label(handle, jid, label, at);
        };
    }

    /**
     * The chat's row with {@code set} applied when {@code changed} holds of it, or, when {@code create}, created with
     * it; the binds are name/value pairs. True when a row was written.
     */
    private boolean upsert(Handle handle, String jid, Instant at, boolean create, String set, String changed, Object... binds) {
        boolean created = create && db.update(handle, """
                        insert into chats (namespace, session, jid, created_at) values (:ns, :session, :jid, :at)
                        on conflict (namespace, session, jid) do nothing""")
                .bind("jid", jid).bind("at", at).execute() == 1;
        var apply = db.update(handle, "update chats set " + set + " where namespace = :ns and session = :session and jid = :jid and ("
                + changed + ")").bind("jid", jid);
        for (int i = 0; i < binds.length; i += 2) {
            apply.bindByType((String) binds[i], binds[i + 1], binds[i + 1] == null ? Instant.class : binds[i + 1].getClass());
        }
        return apply.execute() == 1 || created;
    }

    private boolean delete(Handle handle, String jid) {
        clear(handle, jid, false);
        db.update(handle, "delete from label_assignments where namespace = :ns and session = :session and chat_jid = :jid")
                .bind("jid", jid).execute();
        return db.update(handle, "delete from chats where namespace = :ns and session = :session and jid = :jid")
                .bind("jid", jid).execute() == 1;
    }

    private boolean clear(Handle handle, String jid, boolean keepStarred) {
        int removed = db.update(handle, "delete from messages where namespace = :ns and session = :session and chat_jid = :jid"
                        + (keepStarred ? " and not starred" : "")).bind("jid", jid).execute();
        db.update(handle, """
                        update chats set unread_count = 0, marked_unread = false,
                            message_count = (select count(*) from messages m
                                             where m.namespace = :ns and m.session = :session and m.chat_jid = :jid),
                            last_message_id = case when :keepStarred then last_message_id end,
                            last_message_preview = case when :keepStarred then last_message_preview end,
                            last_message_from_me = case when :keepStarred then last_message_from_me end
                        where namespace = :ns and session = :session and jid = :jid""")
                .bind("jid", jid).bind("keepStarred", keepStarred).execute();
        return removed > 0;
    }

    private boolean label(Handle handle, String jid, ChatChange.Label label, Instant at) {
        String messageId = label.messageId() == null ? "" : label.messageId();
        if (label.labeled()) {
            // a chat the phone labels is one of its chats, stored or not
            db.update(handle, """
                            insert into chats (namespace, session, jid, created_at) values (:ns, :session, :jid, :at)
                            on conflict (namespace, session, jid) do nothing""")
                    .bind("jid", jid).bind("at", at).execute();
            return db.update(handle, """
                            insert into label_assignments (namespace, session, label_id, chat_jid, message_id, created_at)
                            values (:ns, :session, :label, :jid, :message, :at) on conflict do nothing""")
                    .bind("label", label.labelId()).bind("jid", jid).bind("message", messageId).bind("at", at).execute() == 1;
        }
        return db.update(handle, """
                        delete from label_assignments
                        where namespace = :ns and session = :session and label_id = :label and chat_jid = :jid and message_id = :message""")
                .bind("label", label.labelId()).bind("jid", jid).bind("message", messageId).execute() == 1;
    }

    static String preview(String type, String text) {
        if (text == null || text.isBlank()) {
            return "[" + type + "]";
        }
        return text.length() <= PREVIEW ? text : text.substring(0, PREVIEW - 1) + "…";
    }

    /**
     * A page of the chat list: pinned chats first (most recently pinned first), then the latest active first (its latest
     * message, or what the phone's history says of a chat without messages here), then by JID; {@code after} is the last chat of the previous page.
     */
    public List<Chat> list(ChatFilter filter, Optional<ChatCursor> after, int limit) {
        List<String> where = new ArrayList<>(List.of("namespace = :ns", "session = :session"));
        filter.archived().ifPresent(x -> where.add("archived = :archived"));
        filter.pinned().ifPresent(x -> where.add("(pinned_at is not null) = :pinned"));
        filter.unread().ifPresent(x -> where.add("(unread_count > 0 or marked_unread) = :unread"));
        filter.group().ifPresent(x -> where.add("(jid like '%@g.us') = :group"));
        filter.label().ifPresent(x -> where.add("""
                exists (select from label_assignments a where a.namespace = chats.namespace and a.session = chats.session
                        and a.chat_jid = chats.jid and a.message_id = '' and a.label_id = :label)"""));
        after.ifPresent(x -> where.add("""
                ((pinned_at is null) > :unpinned
                 or (pinned_at is null) = :unpinned and coalesce(pinned_at, '-infinity') < coalesce(cast(:pinnedAt as timestamptz), '-infinity')
                 or (pinned_at is null) = :unpinned and coalesce(pinned_at, '-infinity') = coalesce(cast(:pinnedAt as timestamptz), '-infinity')
                    and coalesce(last_activity_at, '-infinity') < coalesce(cast(:lastAt as timestamptz), '-infinity')
                 or (pinned_at is null) = :unpinned and coalesce(pinned_at, '-infinity') = coalesce(cast(:pinnedAt as timestamptz), '-infinity')
                    and coalesce(last_activity_at, '-infinity') = coalesce(cast(:lastAt as timestamptz), '-infinity') and jid > :afterJid)"""));
        return db.read(handle -> {
            Query query = db.query(handle, SELECT + " where " + String.join(" and ", where) + ORDER + " limit :limit")
                    .bind("limit", limit);
            filter.archived().ifPresent(x -> query.bind("archived", x));
            filter.pinned().ifPresent(x -> query.bind("pinned", x));
            filter.unread().ifPresent(x -> query.bind("unread", x));
            filter.group().ifPresent(x -> query.bind("group", x));
            filter.label().ifPresent(x -> query.bind("label", x));
            after.ifPresent(c -> query.bind("unpinned", c.pinnedAt() == null).bind("pinnedAt", c.pinnedAt())
                    .bind("lastAt", c.lastActivityAt()).bind("afterJid", c.jid()));
            return query.map(CHAT).list();
        });
    }

    public Optional<Chat> find(String jid) {
        return db.read(handle -> find(handle, jid));
    }

    public Optional<Chat> find(Handle handle, String jid) {
        return db.query(handle, SELECT + " where namespace = :ns and session = :session and jid = :jid")
                .bind("jid", jid).map(CHAT).findOne();
    }
}
