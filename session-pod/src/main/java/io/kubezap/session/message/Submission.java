package io.kubezap.session.message;

/** The stored message of a send; {@code replayed} when an earlier request with the same Idempotency-Key made it. */
public record Submission(Message message, boolean replayed) {
}
