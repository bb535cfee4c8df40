package io.kubezap.session.engine;

import java.time.Instant;

/** WhatsApp accepted the message under this id; {@code media} locates the uploaded file of a media message. */
public record SentMessage(String messageId, Instant sentAt, MediaLocator media) {

    public SentMessage(String messageId, Instant sentAt) {
        this(messageId, sentAt, null);
    }
}
