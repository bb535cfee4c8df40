package io.kubezap.session.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.engine.MediaLocator;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

import java.sql.Array;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@code messages} and {@code message_status_history}. */
@Singleton
public class MessageRepository {

    private static final String COLUMNS = """
            id, wa_message_id, chat_jid, sender_jid, push_name, direction, type, text, media, quoted_message_id,
            mentions, status, failure_reason, created_at, updated_at""";

    private final RowMapper<Message> mapper = (rs, ctx) -> new Message(
            rs.getString("id"), rs.getString("wa_message_id"), rs.getString("chat_jid"), rs.getString("sender_jid"),
            rs.getString("push_name"), Direction.valueOf(rs.getString("direction").toUpperCase()),
            rs.getString("type"), rs.getString("text"), media(rs.getString("id"), rs.getString("media")),
            rs.getString("quoted_message_id"),
            mentions(rs.getArray("mentions")), MessageStatus.valueOf(rs.getString("status").toUpperCase()),
            rs.getString("failure_reason"), SessionDb.instant(rs, "created_at"), SessionDb.instant(rs, "updated_at"));

    private final SessionDb db;
    private final ObjectMapper json;
    private final String apiBase;

    public MessageRepository(SessionDb db, SessionSettings settings, ObjectMapper json) {
        this.db = db;
        this.json = json;
        this.apiBase = "/api/v1/sessions/" + settings.name() + "/messages/";
    }

    /** The API path of a message's file, as its media block shows it. */
    public String mediaUrl(String id) {
        return apiBase + id + "/media";
    }

    /** Inserts unless a message with the same WhatsApp id or idempotency key exists; true when inserted. */
    public boolean insert(Handle handle, Message message, String idempotencyKey) {
        return db.update(handle, "insert into messages (namespace, session, " + COLUMNS + ", idempotency_key) values ("
                        + ":ns, :session, :id, :waId, :chat, :from, :pushName, :direction, :type, :text, cast(:media as jsonb), "
                        + ":quoted, :mentions, :status, :failureReason, :createdAt, :updatedAt, :idempotencyKey) on conflict do nothing")
                .bind("id", message.id())
                .bind("waId", message.waMessageId())
                .bind("chat", message.chat())
                .bind("from", message.from())
                .bind("pushName", message.pushName())
                .bind("direction", message.direction().wire())
                .bind("type", message.type())
                .bind("text", message.text())
                .bind("media", json(message.media() == null ? null : message.media().withUrl(null)))
                .bind("quoted", message.quotedMessageId())
                .bindArray("mentions", String.class, message.mentions())
                .bind("status", message.status().wire())
                .bind("failureReason", message.failureReason())
                .bind("createdAt", message.createdAt())
                .bind("updatedAt", message.updatedAt())
                .bind("idempotencyKey", idempotencyKey)
                .execute() == 1;
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
        db.update(handle, """
                        insert into message_status_history (namespace, session, message_id, status, reason, at)
                        values (:ns, :session, :id, :status, :reason, :at)""")
                .bind("id", id).bind("status", status.wire()).bind("reason", reason).bind("at", at)
                .execute();
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

    public List<StatusChange> statusHistory(String id) {
        return db.read(handle -> db.query(handle, """
                        select status, reason, at from message_status_history
                        where namespace = :ns and session = :session and message_id = :id order by id""")
                .bind("id", id)
                .map((rs, ctx) -> new StatusChange(MessageStatus.valueOf(rs.getString("status").toUpperCase()),
                        rs.getString("reason"), SessionDb.instant(rs, "at")))
                .list());
    }

    /** Newest first; served by the (created_at desc, id desc) indexes, overall or per chat. */
    public List<Message> page(MessageFilter filter, Optional<MessageCursor> before, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from messages where namespace = :ns and session = :session");
        filter.chat().ifPresent(c -> sql.append(" and chat_jid = :chat"));
        filter.direction().ifPresent(d -> sql.append(" and direction = :direction"));
        filter.status().ifPresent(s -> sql.append(" and status = :status"));
        filter.type().ifPresent(t -> sql.append(" and type = :type"));
        before.ifPresent(c -> sql.append(" and (created_at, id) < (:beforeAt, :beforeId)"));
        sql.append(" order by created_at desc, id desc limit :limit");
        return db.read(handle -> {
            Query query = db.query(handle, sql.toString()).bind("limit", limit);
            filter.chat().ifPresent(c -> query.bind("chat", c));
            filter.direction().ifPresent(d -> query.bind("direction", d.wire()));
            filter.status().ifPresent(s -> query.bind("status", s.wire()));
            filter.type().ifPresent(t -> query.bind("type", t));
            before.ifPresent(c -> query.bind("beforeAt", c.createdAt()).bind("beforeId", c.id()));
            return query.map(mapper).list();
        });
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
                .map((rs, ctx) -> new Count(rs.getString("direction"), rs.getString("status"), rs.getLong("n")))
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
        db.update(handle, "update messages set media = cast(:media as jsonb), media_source_url = null"
                        + " where namespace = :ns and session = :session and id = :id")
                .bind("id", id).bind("media", json(media.withUrl(null)))
                .execute();
    }

    public void recordMediaSource(Handle handle, String id, String url) {
        db.update(handle, "update messages set media_source_url = :url where namespace = :ns and session = :session and id = :id")
                .bind("id", id).bind("url", url)
                .execute();
    }

    /** The URL a media send still has to be fetched from, if any. */
    public Optional<String> mediaSource(String id) {
        return db.read(handle -> db.query(handle, "select media_source_url from messages"
                        + " where namespace = :ns and session = :session and id = :id and media_source_url is not null")
                .bind("id", id).mapTo(String.class).findOne());
    }

    private MediaInfo media(String id, String stored) {
        return stored == null ? null : parse(stored, MediaInfo.class).withUrl(mediaUrl(id));
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

    private static List<String> mentions(Array array) throws java.sql.SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
