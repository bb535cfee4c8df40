package io.kubezap.session.message;

import java.time.Instant;
import java.util.List;

/**
 * A stored message, incoming or outgoing. {@code id} is ours; {@code waMessageId} is WhatsApp's, once known.
 * {@code text} is what the message shows (a text, or a media's caption); {@code media} is null unless it has a file.
 */
public record Message(String id, String waMessageId, String chat, String from, String pushName, Direction direction,
                      String type, String text, MediaInfo media, String quotedMessageId, List<String> mentions,
                      MessageStatus status, String failureReason, Instant createdAt, Instant updatedAt) {
}
