package io.kubezap.session.engine;

import java.util.List;

/**
 * What can happen to a message after it was sent, in either direction: sent as an {@link OutgoingUpdate}, reported
 * as {@link EngineEvent.MessageUpdated}.
 */
public sealed interface MessageUpdate {

    /** An emoji on the message; an empty one takes the reactor's earlier reaction away. */
    record Reaction(String emoji) implements MessageUpdate {
    }

    /** The message's text (or caption) replaced. */
    record Edit(String text) implements MessageUpdate {
    }

    /** The message deleted for everyone. */
    record Revoke() implements MessageUpdate {
    }

    /** A vote on a poll: the options chosen now (empty: the vote withdrawn). */
    record PollVote(List<String> options) implements MessageUpdate {
        public PollVote {
            options = List.copyOf(options);
        }
    }

    /** A guest's answer to a calendar event: {@code GOING}, {@code NOT_GOING} or {@code MAYBE} (WhatsApp's names). */
    record EventResponse(String response) implements MessageUpdate {
        public static final java.util.Set<String> ANSWERS = java.util.Set.of("GOING", "NOT_GOING", "MAYBE");
    }

    /** The creator changed (or cancelled) their calendar event: it is now {@code event}. */
    record EventEdit(MessageContent.Event event) implements MessageUpdate {
    }

    /**
     * The HD original of a photo or video its sender sent first at standard quality (WhatsApp's second message, associated
     * to the first as {@code HD_IMAGE_DUAL_UPLOAD} or {@code HD_VIDEO_DUAL_UPLOAD}): {@code media}, its file.
     */
    record HdCopy(MessageContent.Media media) implements MessageUpdate {
    }
}
