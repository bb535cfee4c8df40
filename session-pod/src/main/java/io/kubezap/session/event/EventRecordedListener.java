package io.kubezap.session.event;

import org.jdbi.v3.core.Handle;

import java.time.Instant;

/** Told of every event inside the transaction that records it, so what it writes commits with the event. */
public interface EventRecordedListener {

    void recorded(Handle handle, long eventId, PendingEvent event, Instant at);
}
