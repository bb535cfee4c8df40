package io.kubezap.session.event;

import io.kubezap.contract.stream.EventCursor;

import java.util.List;

/** A live stream's read: its events in the order to send them, and where the next read starts. */
public record StreamPage(List<StoredEvent> events, EventCursor next) {
}
