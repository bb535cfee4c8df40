package io.kubezap.session.engine;

import java.time.Instant;

/**
 * What the account's app state says of one chat (or of one message in it), in either direction: sent to WhatsApp as an
 * app-state patch ({@link WhatsAppEngine#changeChat}), reported as {@link EngineEvent.ChatChanged} when the phone (or
 * another companion) made it, and, as a {@link Conversation}, what a history sync tells of a chat.
 */
public sealed interface ChatChange {

    /** How a chat muted for ever is stored and shown: WhatsApp sends -1 for it. */
    Instant MUTED_FOREVER = Instant.parse("9999-12-31T23:59:59Z");

    record Archive(boolean archived) implements ChatChange {
    }

    /** Pinned to the top of the chat list (at the change's time), or unpinned. */
    record Pin(boolean pinned) implements ChatChange {
    }

    /** Notifications off until {@code until} ({@link #MUTED_FOREVER}: for ever); {@code until} null: unmuted. */
    record Mute(Instant until) implements ChatChange {
    }

    /** Marked read (nothing unread) or unread (shown with the unread mark). */
    record MarkRead(boolean read) implements ChatChange {
    }

    /** The chat removed from the chat list with its messages. */
    record Delete() implements ChatChange {
    }

    /** The chat's messages removed ({@code keepStarred}: all but the starred ones); the chat stays. */
    record Clear(boolean keepStarred) implements ChatChange {
    }

    /** A message of the chat starred or unstarred; {@code participant}: its sender in a group, when not this account. */
    record Star(String messageId, boolean fromMe, String participant, boolean starred) implements ChatChange {
    }

    /** A label put on the chat ({@code messageId} null) or on one of its messages, or taken off. */
    record Label(String labelId, String messageId, boolean labeled) implements ChatChange {
    }

    /**
     * What a history sync's conversation says of the chat, all at once: {@code pinnedAt} and {@code mutedUntil} null
     * when it is not pinned or muted; {@code unreadCount} as the phone counts it.
     */
    record Conversation(boolean archived, Instant pinnedAt, Instant mutedUntil, long unreadCount, boolean markedUnread)
            implements ChatChange {
    }
}
