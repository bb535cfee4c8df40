package io.kubezap.session.engine;

import java.util.List;

/** A text to send. {@code mentions} may be empty. */
public record OutgoingText(String chatJid, String text, String quotedMessageId, List<String> mentions, MessageTraits traits)
        implements OutgoingMessage {

    public OutgoingText {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        traits = traits == null ? MessageTraits.NONE : traits;
    }

    public OutgoingText(String chatJid, String text, String quotedMessageId, List<String> mentions) {
        this(chatJid, text, quotedMessageId, mentions, MessageTraits.NONE);
    }
}
