package io.kubezap.session.event;

import io.kubezap.session.db.Handle;

import java.time.Instant;

/** Told of every event inside the transaction that records it, so what it writes commits with the event. */
public interface EventRecordedListener {

    void recorded(Handle handle, long eventId, PendingEvent event, Instant at);
}
