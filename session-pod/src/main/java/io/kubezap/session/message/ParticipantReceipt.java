package io.kubezap.session.message;

import java.time.Instant;

/** {@code GET /messages/{id}/receipts}: how far one participant of a group got with a message, and since when. */
public record ParticipantReceipt(String participant, MessageStatus status, Instant at) {
}
