package io.kubezap.session.message;

import io.kubezap.session.db.Handle;
import io.kubezap.session.db.SessionDb;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/** The receipts each participant of a group sent for a message there; they only move forward, as a message's status. */
@Singleton
public class ParticipantReceipts {
    /** A status's place in delivered → read → played, for the upsert's "only forward" check. */
    private static final String RANK = "case %s when 'delivered' then 1 when 'read' then 2 when 'played' then 3 else 0 end";

    private final SessionDb db;

    public ParticipantReceipts(SessionDb db) {
        this.db = db;
    }

    public void record(Handle handle, String messageId, String participant, MessageStatus status, Instant at) {
        db.update(handle, """
                        insert into message_receipts (namespace, session, message_id, participant, status, at)
                        values (:ns, :session, :id, :participant, :status, :at)
                        on conflict (namespace, session, message_id, participant) do update
                        set status = excluded.status, at = excluded.at
                        where %s > %s""".formatted(RANK.formatted("excluded.status"), RANK.formatted("message_receipts.status")))
                .bind("id", messageId).bind("participant", participant).bind("status", status.wire()).bind("at", at)
                .execute();
    }

    /** In the order the participants first answered. */
    public List<ParticipantReceipt> of(String messageId) {
        return db.read(handle -> db.query(handle, """
                        select participant, status, at from message_receipts
                        where namespace = :ns and session = :session and message_id = :id order by at, participant""")
                .bind("id", messageId)
                .map(rs -> new ParticipantReceipt(rs.getString("participant"),
                        MessageStatus.valueOf(rs.getString("status").toUpperCase()), SessionDb.instant(rs, "at")))
                .list());
    }
}
