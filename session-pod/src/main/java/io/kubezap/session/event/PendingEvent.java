package io.kubezap.session.event;

import io.kubezap.session.trace.TraceContext;

/**
 * A fact to record in the events table, in the same transaction as the fact itself; {@code trace} is the context of
 * the API request that caused it (null when none did), which its webhook deliveries and CloudEvents carry on.
 */
public record PendingEvent(String type, Object payload, TraceContext trace) {

    public PendingEvent(String type, Object payload) {
        this(type, payload, null);
    }
}
