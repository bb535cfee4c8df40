package io.kubezap.session.message;

import java.time.Instant;
import java.util.List;

/**
 * Where a message stands: its status (and why it failed), the reactions it got, and whether it was edited or deleted
 * for everyone (a deleted message keeps its content, with {@code deletedAt} and {@code deletedBy}).
 */
public record MessageDelivery(List<Reaction> reactions, MessageStatus status, String failureReason, Instant editedAt,
                              Instant deletedAt, String deletedBy, Instant updatedAt) {

    public MessageDelivery {
        reactions = reactions == null ? List.of() : List.copyOf(reactions);
    }

    /** A message as first stored: not yet reacted to, edited or deleted. */
    static MessageDelivery fresh(MessageStatus status, Instant at) {
        return new MessageDelivery(List.of(), status, null, null, null, null, at);
    }
}
