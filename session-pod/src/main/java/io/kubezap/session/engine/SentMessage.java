package io.kubezap.session.engine;

import java.time.Instant;

/** WhatsApp accepted the message under this id. */
public record SentMessage(String messageId, Instant sentAt) {
}
