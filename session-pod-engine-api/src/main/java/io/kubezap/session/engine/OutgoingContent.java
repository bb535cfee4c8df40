package io.kubezap.session.engine;

import java.util.List;

/** A location, contact cards or a poll to send: the same content records the engine reports for incoming ones. */
public record OutgoingContent(String chatJid, MessageContent.Structured content, String quotedMessageId,
                              List<String> mentions, MessageTraits traits) implements OutgoingMessage {

    public OutgoingContent {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        traits = traits == null ? MessageTraits.NONE : traits;
    }

    public OutgoingContent(String chatJid, MessageContent.Structured content, String quotedMessageId, List<String> mentions) {
        this(chatJid, content, quotedMessageId, mentions, MessageTraits.NONE);
    }
}
