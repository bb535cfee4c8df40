package io.kubezap.session.message;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.List;

/**
 * {@code GET /messages/{id}}: the message, every status it went through, and what the account's app state says of it:
 * {@code starred}, and the ids of the labels put on it ({@code label_message}).
 */
public record MessageDetail(@JsonUnwrapped Message message, List<StatusChange> statusHistory, boolean starred,
                            List<String> labels) {

    /** What the account's app state says of a message. */
    public record Marks(boolean starred, List<String> labels) {
        static final Marks NONE = new Marks(false, List.of());
    }
}
