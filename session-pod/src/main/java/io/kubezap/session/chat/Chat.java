package io.kubezap.session.chat;

import java.time.Instant;
import java.util.List;

/**
 * A conversation: {@code unreadCount} incoming messages not yet marked read, and what its latest message shows
 * ({@code lastMessagePreview}: its text, or its kind in brackets, e.g. {@code [location]}). A one-to-one chat has
 * {@code lid} and {@code phoneNumber} when known. What the account's app state says of it: {@code archived},
 * {@code pinned} (since {@code pinnedAt}), {@code muted} (until {@code mutedUntil}; null when muted for ever),
 * {@code markedUnread} (the unread mark, whatever {@code unreadCount} is), and the ids of its {@code labels}.
 * {@code lastActivityAt}: when it was last active, what the chat list is ordered by (its latest message's time, or,
 * for a chat the phone's history names without messages stored here, the conversation's time the history gives).
 */
public record Chat(String jid, String lid, String phoneNumber, String name, long messageCount, long unreadCount,
                   String lastMessageId, Instant lastMessageAt, String lastMessagePreview, Boolean lastMessageFromMe,
                   boolean archived, boolean pinned, Instant pinnedAt, boolean muted, Instant mutedUntil,
                   boolean markedUnread, List<String> labels, Instant lastActivityAt) {
}
