package io.kubezap.session.event;

/** A fact to record in the events table, in the same transaction as the fact itself. */
public record PendingEvent(String type, Object payload) {
}
