package io.kubezap.session.engine;

import java.time.Instant;
import java.util.List;

/**
 * A conversation as the phone's history sync describes it: its chat, what the phone's chat list shows of it (name,
 * unread count, archived, pinned since, muted until; null when not) and the messages of it this batch carries, oldest
 * first.
 */
public record HistoryConversation(String jid, String name, int unreadCount, boolean archived, Instant pinnedAt,
                                  Instant mutedUntil, List<EngineEvent.IncomingMessage> messages) {

    public HistoryConversation {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }
}
