package io.kubezap.session.engine;

import java.util.List;

/** A location, contact cards or a poll to send: the same content records the engine reports for incoming ones. */
public record OutgoingContent(String chatJid, MessageContent content, String quotedMessageId, List<String> mentions,
                              MessageTraits traits) implements OutgoingMessage {

    public OutgoingContent {
        if (!(content instanceof MessageContent.Location || content instanceof MessageContent.Contacts
                || content instanceof MessageContent.Poll)) {
            throw new IllegalArgumentException("not sent as content: " + content.type());
        }
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        traits = traits == null ? MessageTraits.NONE : traits;
    }

    public OutgoingContent(String chatJid, MessageContent content, String quotedMessageId, List<String> mentions) {
        this(chatJid, content, quotedMessageId, mentions, MessageTraits.NONE);
    }
}
