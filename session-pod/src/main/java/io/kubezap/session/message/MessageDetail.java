package io.kubezap.session.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.List;

/**
 * {@code GET /messages/{id}}: the message, every status it went through, and what the account's app state says of it:
 * {@code starred}, and the ids of the labels put on it ({@code label_message}); for an album's first message (type
 * {@code album}) its photos and videos ({@code albumItems}, in the order they arrived), for a calendar event each
 * guest's current answer ({@code eventResponses}); each absent for other kinds.
 */
public record MessageDetail(@JsonUnwrapped Message message, List<StatusChange> statusHistory, boolean starred,
                            List<String> labels, @JsonInclude(JsonInclude.Include.NON_NULL) List<Message> albumItems,
                            @JsonInclude(JsonInclude.Include.NON_NULL) List<EventResponse> eventResponses) {

    /** What the account's app state says of a message. */
    public record Marks(boolean starred, List<String> labels) {
        static final Marks NONE = new Marks(false, List.of());
    }
}
