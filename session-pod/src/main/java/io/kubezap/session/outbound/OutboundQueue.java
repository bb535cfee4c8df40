package io.kubezap.session.outbound;

import io.kubezap.contract.EventCatalogue;
import io.kubezap.session.db.Handle;
import io.kubezap.session.db.SessionDb;
import io.kubezap.session.db.Timestamps;
import io.kubezap.session.engine.SentMessage;
import io.kubezap.session.event.EventRepository;
import io.kubezap.session.event.PendingEvent;
import io.kubezap.session.message.Direction;
import io.kubezap.session.message.MessageRepository;
import io.kubezap.session.message.MessageStatus;
import io.kubezap.session.metrics.SessionMetrics;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/** The outcomes of sends: each one updates queue row, message, status history and events in one transaction. */
@Singleton
public class OutboundQueue {

    /** Reason given to sends a stopped pod left in flight: WhatsApp may have them, so they are never sent again. */
    public static final String INTERRUPTED = "the pod stopped while this message was being sent; "
            + "not retried, so that it is never sent twice";

    private final SessionDb db;
    private final OutboundQueueRepository queue;
    private final MessageRepository messages;
    private final EventRepository events;
    private final SessionMetrics metrics;

    public OutboundQueue(SessionDb db, OutboundQueueRepository queue, MessageRepository messages,
                         EventRepository events, SessionMetrics metrics) {
        this.db = db;
        this.queue = queue;
        this.messages = messages;
        this.events = events;
        this.metrics = metrics;
    }

    public void sent(String messageId, SentMessage sent) {
        Instant now = Timestamps.now();
        db.useTransaction(handle -> {
            queue.finish(handle, messageId, "done", null);
            messages.recordWaMessageId(handle, messageId, sent.messageId());
            if (sent.media() != null) {
                messages.recordMediaLocator(handle, messageId, sent.media());
            }
            messages.recordStatus(handle, messageId, MessageStatus.SENT, null, now);
            messages.find(handle, messageId).ifPresent(message -> events.append(handle,
                    new PendingEvent(EventCatalogue.MESSAGE_SENT, message, messages.trace(handle, messageId)), now));
        });
        metrics.counted(Direction.OUT.wire(), MessageStatus.SENT.wire());
    }

    public void retryLater(String messageId, Instant nextAttemptAt, String error) {
        db.useTransaction(handle -> queue.reschedule(handle, messageId, nextAttemptAt, error));
    }

    public void failed(String messageId, String reason) {
        db.useTransaction(handle -> fail(handle, messageId, reason, Timestamps.now()));
    }

    /** After a restart: sends in flight with a WhatsApp id are sent again under it; the number of them. */
    public int requeueInterrupted() {
        return db.inTransaction(queue::requeueInterrupted);
    }

    /** After a restart: whatever was in flight without a WhatsApp id (rows from before V40) is failed, never re-sent. */
    public int failInterrupted() {
        return failAll("sending", INTERRUPTED);
    }

    /** When the session is logged out, nothing queued can be sent any more. */
    public int failQueued(String reason) {
        return failAll("queued", reason);
    }

    private int failAll(String state, String reason) {
        Instant now = Timestamps.now();
        return db.inTransaction(handle -> {
            List<String> ids = queue.inState(handle, state);
            ids.forEach(id -> fail(handle, id, reason, now));
            return ids.size();
        });
    }

    private void fail(Handle handle, String messageId, String reason, Instant now) {
        queue.finish(handle, messageId, "failed", reason);
        messages.recordStatus(handle, messageId, MessageStatus.FAILED, reason, now);
        messages.find(handle, messageId).ifPresent(message -> events.append(handle,
                new PendingEvent(EventCatalogue.MESSAGE_FAILED, message, messages.trace(handle, messageId)), now));
        metrics.counted(Direction.OUT.wire(), MessageStatus.FAILED.wire());
    }
}
