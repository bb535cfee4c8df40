package io.kubezap.session.engine;

import java.time.Instant;
import java.util.List;

/**
 * A conversation as the phone's history sync describes it: its chat, what the phone's chat list shows of it (name,
 * unread count, archived, pinned since, muted until; null when not), the messages of it this batch carries, oldest
 * first, and when it was last active ({@code conversationTimestamp}; null when not told).
 */
public record HistoryConversation(String jid, String name, int unreadCount, boolean archived, Instant pinnedAt,
                                  Instant mutedUntil, List<EngineEvent.IncomingMessage> messages, Instant lastActiveAt) {

    public HistoryConversation {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    /** A conversation whose last activity the history does not tell. */
    public HistoryConversation(String jid, String name, int unreadCount, boolean archived, Instant pinnedAt,
                               Instant mutedUntil, List<EngineEvent.IncomingMessage> messages) {
        this(jid, name, unreadCount, archived, pinnedAt, mutedUntil, messages, null);
    }
}
