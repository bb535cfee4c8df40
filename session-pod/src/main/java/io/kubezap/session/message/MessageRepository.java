package io.kubezap.session.message;

import io.kubezap.contract.SessionApi;
import io.kubezap.session.address.Address;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.db.Handle;
import io.kubezap.session.db.Query;
import io.kubezap.session.db.RowMapper;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.db.SqlStep;
import io.kubezap.session.db.StorableText;
import io.kubezap.session.engine.MediaLocator;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.MessageTraits;
import io.kubezap.session.trace.TraceContext;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.TreeMap;

/** {@code messages} and {@code message_status_history}. */
@Singleton
public class MessageRepository {

    /** The person a message is with, as in {@link Message#person}. */
    private static final String PERSON = "(case when messages.chat_jid like '%@g.us' then messages.sender_jid else messages.chat_jid end)";
    private static final String STORED_COLUMNS = """
            id, wa_message_id, chat_jid, sender_jid, push_name, direction, origin, type, text, raw_text, media, content,
            quoted_message_id, mentions, status, failure_reason, created_at, updated_at, metadata, traits, history""";
    /** The stored columns, and the message's reactions (oldest first) from {@code message_reactions}. */
    private static final String COLUMNS = STORED_COLUMNS + """
            , edited_at, deleted_at, deleted_by, (select jsonb_agg(jsonb_build_object('from', r.sender_jid,
                'emoji', r.emoji, 'at', to_char(r.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) order by r.at)
              from message_reactions r where r.namespace = messages.namespace and r.session = messages.session
                and r.message_id = messages.id) as reactions, """ + Address.mappedColumns("messages", PERSON);
    private static final TypeReference<List<Reaction>> REACTIONS = new TypeReference<>() {
    };

    private final RowMapper<Message> mapper = rs -> new Message(envelope(rs), payload(rs), delivery(rs));
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {
    };

    private final SessionDb db;
    private final ObjectMapper json;
    private final HostedSessions sessions;

    public MessageRepository(SessionDb db, HostedSessions sessions, ObjectMapper json) {
        this.db = db;
        this.json = json;
        this.sessions = sessions;
    }

    /** The API path of a message's file, as its media block shows it. */
    public String mediaUrl(String id) {
        return SessionApi.session(sessions.current().name()) + "/messages/" + id + "/media";
    }

    /** Inserts unless a message with the same WhatsApp id or idempotency key exists; true when inserted. */
    public boolean insert(Handle handle, Message message, String idempotencyKey) {
        return insertWith(handle, message, idempotencyKey, null, List.of());
    }

    /** The source a step of {@link #insertWith} takes its row from: the message row that statement inserted, if any. */
    public static final String FROM_INSERTED = "from m";

    /**
     * The same insert, with {@code steps} (each taking its rows {@link #FROM_INSERTED}) in the same statement: they happen
     * only when the message was inserted, and the whole costs one round trip to the database. {@code trace}: the
     * context of the request that sent it (null when none), for the events that follow it.
     */
    public boolean insertWith(Handle handle, Message message, String idempotencyKey, TraceContext trace, List<SqlStep> steps) {
        StringBuilder sql = new StringBuilder("with m as (insert into messages (namespace, session, " + STORED_COLUMNS
                + ", idempotency_key, traceparent, tracestate) values (:ns, :session, :id, :waId, :chat, :from, :pushName, "
                + ":direction, :origin, :type, :text, :rawText, cast(:media as jsonb), cast(:content as jsonb), :quoted, "
                + ":mentions, :status, :failureReason, :createdAt, :updatedAt, cast(:metadata as jsonb), cast(:traits as jsonb), :history, "
                + ":idempotencyKey, :traceparent, :tracestate) on conflict do nothing returning id)");
        for (int i = 0; i < steps.size(); i++) {
            sql.append(", step").append(i).append(" as (").append(steps.get(i).sql()).append(')');
        }
        MessageEnvelope envelope = message.envelope();
        MessagePayload payload = message.payload();
        MessageDelivery delivery = message.delivery();
        StoredContent stored = StoredContent.of(payload.content());
        Query statement = db.query(handle, sql.append(" select count(*) from m").toString())
                .bind("id", envelope.id())
                .bind("waId", envelope.waMessageId())
                .bind("chat", envelope.chat())
                .bind("from", envelope.from())
                .bind("pushName", envelope.pushName())
                .bind("direction", envelope.direction().wire())
                .bind("origin", envelope.origin())
                .bind("type", stored.type())
                .bind("text", stored.text())
                .bind("rawText", payload.shown().rawText())
                .bind("media", json(stored.media()))
                .bind("content", json(stored.block()))
                .bind("quoted", payload.quotedMessageId())
                .bindArray("mentions", String.class, payload.mentions())
                .bind("status", delivery.status().wire())
                .bind("failureReason", delivery.failureReason())
                .bind("createdAt", envelope.createdAt())
                .bind("updatedAt", delivery.updatedAt())
                .bind("metadata", payload.metadata().isEmpty() ? null : json(payload.metadata()))
                .bind("traits", payload.traits().isNone() ? null : json(payload.traits()))
                .bind("history", envelope.history())
                .bind("idempotencyKey", idempotencyKey)
                .bind("traceparent", trace == null ? null : trace.traceparent())
                .bind("tracestate", trace == null ? null : trace.tracestate());
        steps.forEach(step -> step.bindTo(statement));
        return statement.mapTo(Integer.class).one() == 1;
    }

    public void recordStatus(Handle handle, String id, MessageStatus status, String reason, Instant at) {
        db.update(handle, """
                        update messages set status = :status, failure_reason = :reason, updated_at = :at
                        where namespace = :ns and session = :session and id = :id""")
                .bind("id", id).bind("status", status.wire()).bind("reason", reason).bind("at", at)
                .execute();
        appendHistory(handle, id, status, reason, at);
    }

    public void appendHistory(Handle handle, String id, MessageStatus status, String reason, Instant at) {
        SqlStep step = historyStep(id, status, reason, at, "");
        step.bindTo(db.update(handle, step.sql())).execute();
    }

    /** One entry of the message's status history. */
    public SqlStep historyStep(String id, MessageStatus status, String reason, Instant at, String source) {
        return new SqlStep("""
                insert into message_status_history (namespace, session, message_id, status, reason, at)
                select :ns, :session, :historyId, :historyStatus, :historyReason, :historyAt
                """ + source, statement -> statement.bind("historyId", id).bind("historyStatus", status.wire())
                .bind("historyReason", reason).bind("historyAt", at));
    }

    /** The trace context of the request that sent the message; null when none (received messages, sends without one). */
    public TraceContext trace(Handle handle, String id) {
        return db.query(handle, """
                        select traceparent, tracestate from messages
                        where namespace = :ns and session = :session and id = :id and traceparent is not null""")
                .bind("id", id)
                .map(rs -> new TraceContext(rs.getString("traceparent"), rs.getString("tracestate")))
                .findOne().orElse(null);
    }

    public void recordWaMessageId(Handle handle, String id, String waMessageId) {
        db.update(handle, "update messages set wa_message_id = :waId where namespace = :ns and session = :session and id = :id")
                .bind("id", id).bind("waId", waMessageId)
                .execute();
    }

    public Optional<Message> find(Handle handle, String id) {
        return db.query(handle, "select " + COLUMNS + " from messages where namespace = :ns and session = :session and id = :id")
                .bind("id", id).map(mapper).findOne();
    }

    public Optional<Message> find(String id) {
        return db.read(handle -> find(handle, id));
    }

    public Optional<Message> findByIdempotencyKey(Handle handle, String key) {
        return db.query(handle, "select " + COLUMNS
                        + " from messages where namespace = :ns and session = :session and idempotency_key = :key")
                .bind("key", key).map(mapper).findOne();
    }

    public Optional<Message> findByWaId(Handle handle, String chat, String waMessageId) {
        return db.query(handle, "select " + COLUMNS + " from messages where namespace = :ns and session = :session"
                        + " and chat_jid = :chat and wa_message_id = :waId")
                .bind("chat", chat).bind("waId", waMessageId).map(mapper).findOne();
    }

    /**
     * The photos and videos of the album whose first message is {@code album}: the messages of its chat naming it
     * ({@code traits.albumId}), in the order they arrived.
     */
    public List<Message> albumItems(Message album) {
        return db.read(handle -> db.query(handle, "select " + COLUMNS + " from messages where namespace = :ns and session = :session"
                        + " and chat_jid = :chat and traits->>'albumId' = :albumId order by created_at, id")
                .bind("chat", album.chat()).bind("albumId", album.waMessageId()).map(mapper).list());
    }

    /** The oldest message of a chat that WhatsApp knows by id (the anchor of an on-demand history request). */
    public Optional<Message> oldestInChat(String chat) {
        return db.read(handle -> db.query(handle, "select " + COLUMNS + " from messages where namespace = :ns and session = :session"
                        + " and chat_jid = :chat and wa_message_id is not null order by created_at, id limit 1")
                .bind("chat", chat).map(mapper).findOne());
    }

    /** Whether the message is starred, and the labels on it (by its WhatsApp id in its chat). */
    public MessageDetail.Marks marks(String id) {
        return db.read(handle -> db.query(handle, """
                        select m.starred, array(select a.label_id from label_assignments a
                                                where a.namespace = m.namespace and a.session = m.session
                                                  and a.chat_jid = m.chat_jid and a.message_id = m.wa_message_id
                                                order by a.label_id) as label_ids
                        from messages m where m.namespace = :ns and m.session = :session and m.id = :id""")
                .bind("id", id)
                .map(rs -> new MessageDetail.Marks(rs.getBoolean("starred"),
                        List.of((String[]) rs.getArray("label_ids").getArray())))
                .findOne().orElse(MessageDetail.Marks.NONE));
    }

    public List<StatusChange> statusHistory(String id) {
        return db.read(handle -> db.query(handle, """
                        select status, reason, at from message_status_history
                        where namespace = :ns and session = :session and message_id = :id order by id""")
                .bind("id", id)
                .map(rs -> new StatusChange(MessageStatus.valueOf(rs.getString("status").toUpperCase()),
                        rs.getString("reason"), SessionDb.instant(rs, "at")))
                .list());
    }

    /** Newest first; served by the (created_at desc, id desc) indexes, overall or per chat. */
    public List<Message> page(MessageFilter filter, Optional<MessageCursor> before, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from messages" + where(filter));
        before.ifPresent(c -> sql.append(" and (created_at, id) < (:beforeAt, :beforeId)"));
        sql.append(" order by created_at desc, id desc limit :limit");
        return db.read(handle -> {
            Query query = bind(filter, db.query(handle, sql.toString()).bind("limit", limit));
            before.ifPresent(c -> query.bind("beforeAt", c.createdAt()).bind("beforeId", c.id()));
            return query.map(mapper).list();
        });
    }

    /** How many messages the filter lets through (cheap for one chat: its index). */
    public long count(MessageFilter filter) {
        return db.read(handle -> bind(filter, db.query(handle, "select count(*) from messages" + where(filter)))
                .mapTo(Long.class).one());
    }

    private static String where(MessageFilter filter) {
        StringBuilder sql = new StringBuilder(" where namespace = :ns and session = :session");
        filter.chat().ifPresent(c -> sql.append(" and chat_jid = :chat"));
        filter.direction().ifPresent(d -> sql.append(" and direction = :direction"));
        filter.status().ifPresent(s -> sql.append(" and status = :status"));
        filter.type().ifPresent(t -> sql.append(" and type = :type"));
        if (!filter.includeDeleted()) {
            sql.append(" and deleted_at is null and hidden_at is null");
        }
        return sql.toString();
    }

    private static Query bind(MessageFilter filter, Query query) {
        filter.chat().ifPresent(c -> query.bind("chat", c));
        filter.direction().ifPresent(d -> query.bind("direction", d.wire()));
        filter.status().ifPresent(s -> query.bind("status", s.wire()));
        filter.type().ifPresent(t -> query.bind("type", t));
        return query;
    }

    public int deleteAll() {
        return db.inTransaction(handle -> {
            db.update(handle, "delete from chats where namespace = :ns and session = :session").execute();
            return db.update(handle, "delete from messages where namespace = :ns and session = :session").execute();
        });
    }

    private record Count(String direction, String status, long n) {
    }

    /** direction → status → count, for messages created at or after {@code since}. */
    public Map<String, Map<String, Long>> countByDirectionAndStatus(Instant since) {
        List<Count> rows = db.read(handle -> db.query(handle, """
                        select direction, status, count(*) as n from messages
                        where namespace = :ns and session = :session and created_at >= :since
                        group by direction, status""")
                .bind("since", since)
                .map(rs -> new Count(rs.getString("direction"), rs.getString("status"), rs.getLong("n")))
                .list());
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        rows.forEach(row -> counts.computeIfAbsent(row.direction(), d -> new TreeMap<>()).put(row.status(), row.n()));
        return counts;
    }

    /** Where WhatsApp keeps a message's file: from the incoming message, or from the upload once sent. */
    public void recordMediaLocator(Handle handle, String id, MediaLocator locator) {
        db.update(handle, "update messages set media_locator = cast(:locator as jsonb)"
                        + " where namespace = :ns and session = :session and id = :id")
                .bind("id", id).bind("locator", json(locator))
                .execute();
    }

    public Optional<MediaLocator> mediaLocator(String id) {
        return db.read(handle -> db.query(handle, "select media_locator from messages"
                        + " where namespace = :ns and session = :session and id = :id and media_locator is not null")
                .bind("id", id).mapTo(String.class).findOne().map(text -> parse(text, MediaLocator.class)));
    }

    /** The file of a send given by URL, once fetched: its checked type, size and hash. */
    public void recordMediaFile(Handle handle, String id, MediaInfo media) {
        db.update(handle, "update messages set media = cast(:media as jsonb), media_source_url = null, media_source_convert = null"
                        + " where namespace = :ns and session = :session and id = :id")
                .bind("id", id).bind("media", json(media.withUrl(null)))
                .execute();
    }

    public void recordMediaSource(Handle handle, String id, MediaSource source) {
        db.update(handle, "update messages set media_source_url = :url, media_source_convert = :convert"
                        + " where namespace = :ns and session = :session and id = :id")
                .bind("id", id).bind("url", source.url()).bind("convert", source.convert())
                .execute();
    }

    /** Where a media send still has to be fetched from, if anywhere. */
    public Optional<MediaSource> mediaSource(String id) {
        return db.read(handle -> db.query(handle, "select media_source_url, media_source_convert from messages"
                        + " where namespace = :ns and session = :session and id = :id and media_source_url is not null")
                .bind("id", id)
                .map(row -> new MediaSource(row.getString(1), (Boolean) row.getObject(2)))
                .findOne());
    }

    /** A chat's incoming messages not marked read yet, oldest first. */
    public List<Message> unreadIncoming(Handle handle, String chat, int limit) {
        return db.query(handle, "select " + COLUMNS + " from messages where namespace = :ns and session = :session"
                        + " and chat_jid = :chat and direction = 'in' and status = 'received'"
                        + " order by created_at, id limit :limit")
                .bind("chat", chat).bind("limit", limit).map(mapper).list();
    }

    /** Messages deleted for everyone, most recently deleted first, optionally of one chat. */
    public List<Message> deleted(Optional<String> chat, Optional<MessageCursor> before, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from messages where namespace = :ns"
                + " and session = :session and deleted_at is not null");
        chat.ifPresent(c -> sql.append(" and chat_jid = :chat"));
        before.ifPresent(c -> sql.append(" and (deleted_at, id) < (:beforeAt, :beforeId)"));
        sql.append(" order by deleted_at desc, id desc limit :limit");
        return db.read(handle -> {
            Query query = db.query(handle, sql.toString()).bind("limit", limit);
            chat.ifPresent(c -> query.bind("chat", c));
            before.ifPresent(c -> query.bind("beforeAt", c.createdAt()).bind("beforeId", c.id()));
            return query.map(mapper).list();
        });
    }

    /** Keeps the text being replaced in the edit history and shows the new one (as the caption, for media). */
    public void recordEdit(Handle handle, Message message, String newText, Instant at) {
        keepInEditHistory(handle, message, at);
        db.update(handle, """
                        update messages set text = :text, raw_text = :rawText, edited_at = :at, updated_at = :at,
                            media = case when media is null then null else jsonb_set(media, '{caption}', to_jsonb(:text)) end
                        where namespace = :ns and session = :session and id = :id""")
                .bind("id", message.id()).bind("text", newText).bind("rawText", StorableText.asSent(newText)).bind("at", at)
                .execute();
    }

    /**
     * A structured message changed by its sender (a calendar event's edit): its block and text replaced, the earlier
     * text kept in its edit history as a text edit's is.
     */
    public void recordContentEdit(Handle handle, Message message, MessageContent.Structured now, Instant at) {
        keepInEditHistory(handle, message, at);
        db.update(handle, """
                        update messages set text = :text, raw_text = :rawText, content = cast(:content as jsonb), edited_at = :at,
                            updated_at = :at
                        where namespace = :ns and session = :session and id = :id""")
                .bind("id", message.id()).bind("text", now.text()).bind("rawText", StorableText.asSent(now.text()))
                .bind("content", json(MessageContent.Block.of(now))).bind("at", at)
                .execute();
    }

    /**
     * A photo's or video's HD original, sent after it: the message marked {@code hd}, its file (type, size, hash, what
     * the apps read, where WhatsApp keeps it) the original's, its caption and name as they were.
     */
    public void recordHdCopy(Handle handle, Message message, MessageContent.Media original, Instant at) {
        MediaInfo media = message.media().withFile(original.mimeType(), original.size(), original.sha256(), original.facts());
        db.update(handle, """
                        update messages set media = cast(:media as jsonb), media_locator = cast(:locator as jsonb),
                            traits = coalesce(traits, '{}'::jsonb) || '{"hd": true}'::jsonb, updated_at = :at
                        where namespace = :ns and session = :session and id = :id""")
                .bind("id", message.id()).bind("media", json(media)).bind("locator", json(original.locator())).bind("at", at)
                .execute();
    }

    /** The text {@code message} shows until now, replaced {@code at}. */
    private void keepInEditHistory(Handle handle, Message message, Instant at) {
        db.update(handle, """
                        insert into message_edits (namespace, session, message_id, text, edited_at)
                        values (:ns, :session, :id, :text, :at)""")
                .bind("id", message.id()).bind("text", message.text()).bind("at", at)
                .execute();
    }

    /** The texts a message showed before its edits, oldest first, with when each was replaced. */
    public List<MessageEdits.Edit> edits(String id) {
        return db.read(handle -> db.query(handle, """
                        select text, edited_at from message_edits
                        where namespace = :ns and session = :session and message_id = :id order by id""")
                .bind("id", id)
                .map(rs -> new MessageEdits.Edit(rs.getString("text"), SessionDb.instant(rs, "edited_at")))
                .list());
    }

    public void recordRevoke(Handle handle, String id, String by, Instant at) {
        db.update(handle, """
                        update messages set deleted_at = :at, deleted_by = :by, updated_at = :at
                        where namespace = :ns and session = :session and id = :id and deleted_at is null""")
                .bind("id", id).bind("by", by).bind("at", at)
                .execute();
    }

    /** Hides a message from lists here only ("delete for me"); it stays readable by id. */
    public boolean hide(String id, Instant at) {
        return db.inTransaction(handle -> db.update(handle, """
                        update messages set hidden_at = coalesce(hidden_at, :at)
                        where namespace = :ns and session = :session and id = :id""")
                .bind("id", id).bind("at", at)
                .execute() == 1);
    }

    /** Sets {@code from}'s reaction; a blank emoji removes it. */
    public void recordReaction(Handle handle, String id, String from, String emoji, Instant at) {
        if (emoji == null || emoji.isEmpty()) {
            db.update(handle, "delete from message_reactions where namespace = :ns and session = :session"
                            + " and message_id = :id and sender_jid = :from")
                    .bind("id", id).bind("from", from)
                    .execute();
            return;
        }
        db.update(handle, """
                        insert into message_reactions (namespace, session, message_id, sender_jid, emoji, at)
                        values (:ns, :session, :id, :from, :emoji, :at)
                        on conflict (namespace, session, message_id, sender_jid) do update set emoji = excluded.emoji, at = excluded.at
                        where message_reactions.at <= excluded.at""")
                .bind("id", id).bind("from", from).bind("emoji", emoji).bind("at", at)
                .execute();
    }

    /** Sets {@code voter}'s current choice on a poll. */
    public void recordVote(Handle handle, String id, String voter, List<String> options, Instant at) {
        db.update(handle, """
                        insert into poll_votes (namespace, session, message_id, voter_jid, options, at)
                        values (:ns, :session, :id, :voter, :options, :at)
                        on conflict (namespace, session, message_id, voter_jid) do update set options = excluded.options, at = excluded.at
                        where poll_votes.at <= excluded.at""")
                .bind("id", id).bind("voter", voter).bindArray("options", String.class, options).bind("at", at)
                .execute();
    }

    public List<PollResults.Vote> votes(String id) {
        return db.read(handle -> votes(handle, id));
    }

    /** Every voter's current choice, oldest vote first. */
    public List<PollResults.Vote> votes(Handle handle, String id) {
        return db.query(handle, """
                        select voter_jid, options, at from poll_votes
                        where namespace = :ns and session = :session and message_id = :id order by at, voter_jid""")
                .bind("id", id)
                .map(rs -> new PollResults.Vote(rs.getString("voter_jid"), mentions(rs.getArray("options")),
                        SessionDb.instant(rs, "at")))
                .list();
    }

    private static MessageEnvelope envelope(ResultSet rs) throws SQLException {
        String chat = rs.getString("chat_jid");
        String from = rs.getString("sender_jid");
        return new MessageEnvelope(rs.getString("id"), rs.getString("wa_message_id"), chat, from, rs.getString("push_name"),
                Direction.valueOf(rs.getString("direction").toUpperCase()), rs.getString("origin"),
                SessionDb.instant(rs, "created_at"),
                Address.mapped(Message.person(chat, from), rs),
                rs.getBoolean("history"));
    }

    private MessagePayload payload(ResultSet rs) throws SQLException {
        var stored = new StoredContent(rs.getString("type"), rs.getString("text"),
                parseNullable(rs.getString("media"), MediaInfo.class),
                parseNullable(rs.getString("content"), MessageContent.Block.class));
        String id = rs.getString("id");
        return new MessagePayload(ShownContent.of(stored.toContent(), rs.getString("raw_text"), mediaUrl(id)),
                rs.getString("quoted_message_id"), mentions(rs.getArray("mentions")), metadata(rs.getString("metadata")),
                parseNullable(rs.getString("traits"), MessageTraits.class));
    }

    private MessageDelivery delivery(ResultSet rs) throws SQLException {
        return new MessageDelivery(reactions(rs.getString("reactions")),
                MessageStatus.valueOf(rs.getString("status").toUpperCase()), rs.getString("failure_reason"),
                SessionDb.instant(rs, "edited_at"), SessionDb.instant(rs, "deleted_at"), rs.getString("deleted_by"),
                SessionDb.instant(rs, "updated_at"));
    }

    private String json(Object value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private <T> T parse(String stored, Class<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("unreadable stored " + type.getSimpleName(), corrupt);
        }
    }

    private <T> T parseNullable(String stored, Class<T> type) {
        return stored == null ? null : parse(stored, type);
    }

    private Map<String, String> metadata(String stored) {
        try {
            return stored == null ? Map.of() : json.readValue(stored, METADATA);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("unreadable stored metadata", corrupt);
        }
    }

    private List<Reaction> reactions(String stored) {
        try {
            return stored == null ? List.of() : json.readValue(stored, REACTIONS);
        } catch (JsonProcessingException corrupt) {
            throw new IllegalStateException("unreadable stored reactions", corrupt);
        }
    }

    private static List<String> mentions(Array array) throws java.sql.SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    /**
     * Deletes up to {@code limit} of the oldest messages stored before {@code before} (with what hangs off them), in
     * the caller's short transaction; a send still queued or on its way is kept. Returns the media files (sha256) the
     * deleted messages named that no remaining message names.
     */
    public Pruned pruneOlderThan(Handle handle, Instant before, int limit) {
        List<String> named = db.query(handle, """
                        with doomed as (
                            select m.id from messages m
                            where m.namespace = :ns and m.session = :session and m.created_at < :before
                              and not exists (select 1 from outbound_queue q where q.namespace = m.namespace
                                  and q.session = m.session and q.message_id = m.id and q.state in ('queued', 'sending'))
                            order by m.created_at limit :limit)
                        delete from messages m using doomed
                        where m.namespace = :ns and m.session = :session and m.id = doomed.id
                        returning coalesce(m.media->>'sha256', '')""")
                .bind("before", before).bind("limit", limit).mapTo(String.class).list();
        List<String> files = named.stream().filter(sha -> !sha.isEmpty()).distinct().toList();
        List<String> stillNamed = files.isEmpty() ? List.of() : db.query(handle, """
                        select distinct media->>'sha256' from messages
                        where namespace = :ns and session = :session and media->>'sha256' = any(:files)""")
                .bindArray("files", String.class, files).mapTo(String.class).list();
        return new Pruned(named.size(), files.stream().filter(sha -> !stillNamed.contains(sha)).toList());
    }

    /** How many messages went, and the files nothing names any more. */
    public record Pruned(int messages, List<String> unnamedFiles) {
    }
}
