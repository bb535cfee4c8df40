package io.kubezap.session.chat;

import java.time.Instant;

/**
 * A conversation: {@code unreadCount} incoming messages not yet marked read, and what its latest message shows
 * ({@code lastMessagePreview}: its text, or its kind in brackets, e.g. {@code [location]}). A one-to-one chat has
 * {@code lid} and {@code phoneNumber} when known.
 */
public record Chat(String jid, String lid, String phoneNumber, String name, long messageCount, long unreadCount,
                   String lastMessageId, Instant lastMessageAt, String lastMessagePreview, Boolean lastMessageFromMe) {
}
