package io.kubezap.session.message;

import java.time.Instant;
import java.util.List;

/** {@code GET /messages/{id}/edits}: the text now, and each earlier text with when it was replaced, oldest first. */
public record MessageEdits(String messageId, String currentText, List<Edit> history, int editCount) {

    public record Edit(String text, Instant editedAt) {
    }

    public static MessageEdits of(Message message, List<Edit> history) {
        return new MessageEdits(message.id(), message.text(), history, history.size());
    }
}
