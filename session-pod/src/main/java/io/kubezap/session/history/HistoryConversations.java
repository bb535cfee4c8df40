package io.kubezap.session.history;

import io.kubezap.session.engine.HistoryConversation;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

/**
 * What the phone's history says of each chat beyond its messages: archived, pinned since, muted until, unread count
 * ({@link HistoryConversation}). The chat's state is kept by the chat-state feature (issue 37, items 2 and 3); this is
 * the one place that hands it over, in the batch's transaction.
 */
@Singleton
public class HistoryConversations {

    /** {@code conversation} arrived with a history batch. */
    public void arrived(Handle handle, HistoryConversation conversation) {
        // the chat-state API (archived, pinned, muted until, unread) takes conversation's state here once it exists
    }
}
