package io.kubezap.session.chat;

import java.time.Instant;

/** What a chat's row counts and shows of one of its messages. */
public record ChatEntry(String chat, String messageId, Instant at, String type, String text, boolean fromMe) {
}
