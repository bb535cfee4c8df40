package io.kubezap.session.outbound;

import io.kubezap.session.db.Handle;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.db.SqlStep;
import io.kubezap.session.engine.MessageIds;
import io.kubezap.session.message.SendCommand;
import io.kubezap.session.metrics.QueueDepth;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@code outbound_queue}: sends waiting for (or going to) the engine. */
@Singleton
public class OutboundQueueRepository implements QueueDepth {

    /** A row this worker took: its message, the attempt now being made (1-based) and the WhatsApp id every attempt uses. */
    public record Claim(String messageId, int attempt, String waMessageId, SendCommand.Pacing pacing) {
        public Claim(String messageId, int attempt, String waMessageId) {
            this(messageId, attempt, waMessageId, SendCommand.Pacing.NONE);
        }
    }

    private final SessionDb db;

    public OutboundQueueRepository(SessionDb db) {
        this.db = db;
    }

    public void enqueue(Handle handle, String messageId, Instant at) {
        SqlStep step = enqueueStep(messageId, at, SendCommand.Pacing.NONE, "");
        step.bindTo(db.update(handle, step.sql())).execute();
    }

    /** The message's place in the queue, due at once, with how long to show typing before it goes out. */
    public SqlStep enqueueStep(String messageId, Instant at, SendCommand.Pacing pacing, String source) {
        return enqueueStep(messageId, at, pacing, null, source);
    }

    /** The same, sent under {@code waMessageId} when it is fixed already (an album's first message), else null. */
    public SqlStep enqueueStep(String messageId, Instant at, SendCommand.Pacing pacing, String waMessageId, String source) {
        return new SqlStep("""
                insert into outbound_queue (namespace, session, message_id, state, next_attempt_at, created_at, delay_ms, typing,
                    wa_message_id)
                select :ns, :session, :queuedId, 'queued', :queuedAt, :queuedAt, :queuedDelay, :queuedTyping, :queuedWaId
                """ + source, statement -> statement.bind("queuedId", messageId).bind("queuedAt", at)
                .bind("queuedDelay", pacing.delayMs()).bind("queuedTyping", pacing.typing()).bind("queuedWaId", waMessageId));
    }

    /**
     * Takes the oldest due row and commits it as 'sending' before the engine is called; {@code skip locked}
     * keeps two workers (say, an old and a new pod overlapping) from taking the same row.
     */
    public Optional<Claim> claimNext(Instant now) {
        return db.inTransaction(handle -> db.query(handle, """
                        update outbound_queue set state = 'sending', attempts = attempts + 1,
                            wa_message_id = coalesce(wa_message_id, :candidate)
                        where (namespace, session, message_id) = (
                            select namespace, session, message_id from outbound_queue
                            where namespace = :ns and session = :session and state = 'queued' and next_attempt_at <= :now
                            order by next_attempt_at, created_at limit 1
                            for update skip locked)
                        returning message_id, attempts, wa_message_id, delay_ms, typing""")
                .bind("now", now).bind("candidate", MessageIds.next())
                .map(rs -> new Claim(rs.getString("message_id"), rs.getInt("attempts"), rs.getString("wa_message_id"),
                        new SendCommand.Pacing(rs.getInt("delay_ms"), rs.getBoolean("typing"))))
                .findOne());
    }

    /**
     * Sends a stopped pod left in flight that already had their WhatsApp id go back to the queue: sent again under
     * that id, they reach each recipient once whether or not the first attempt got through.
     */
    public int requeueInterrupted(Handle handle) {
        return db.update(handle, """
                        update outbound_queue set state = 'queued'
                        where namespace = :ns and session = :session and state = 'sending' and wa_message_id is not null""")
                .execute();
    }

    public void finish(Handle handle, String messageId, String state, String error) {
        db.update(handle, """
                        update outbound_queue set state = :state, last_error = :error
                        where namespace = :ns and session = :session and message_id = :id""")
                .bind("id", messageId).bind("state", state).bind("error", error)
                .execute();
    }

    public void reschedule(Handle handle, String messageId, Instant nextAttemptAt, String error) {
        db.update(handle, """
                        update outbound_queue set state = 'queued', next_attempt_at = :next, last_error = :error
                        where namespace = :ns and session = :session and message_id = :id""")
                .bind("id", messageId).bind("next", nextAttemptAt).bind("error", error)
                .execute();
    }

    public List<String> inState(Handle handle, String state) {
        return db.query(handle, """
                        select message_id from outbound_queue
                        where namespace = :ns and session = :session and state = :state for update""")
                .bind("state", state).mapTo(String.class).list();
    }

    public Optional<Instant> nextDue() {
        return db.read(handle -> db.query(handle, """
                        select min(next_attempt_at) from outbound_queue
                        where namespace = :ns and session = :session and state = 'queued'""")
                .mapTo(Instant.class).findOne());
    }

    /** Sends not yet finished (queued or in flight). */
    @Override
    public long depth() {
        return db.read(handle -> db.query(handle, """
                        select count(*) from outbound_queue
                        where namespace = :ns and session = :session and state in ('queued', 'sending')""")
                .mapTo(Long.class).one());
    }
}
