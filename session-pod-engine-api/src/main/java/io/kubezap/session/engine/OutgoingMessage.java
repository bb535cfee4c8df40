package io.kubezap.session.engine;

import java.util.List;

/**
 * Something to send to a chat. Each kind of message is one record here, and only the WhatsApp adapter turns it into
 * the protocol's message; updates to sent messages are {@link OutgoingUpdate}s.
 * {@code chatJid} is a full JID; {@code quotedMessageId} (WhatsApp's id of the quoted message) may be null.
 */
public sealed interface OutgoingMessage permits OutgoingText, OutgoingMedia, OutgoingContent, OutgoingUpdate {

    String chatJid();

    String quotedMessageId();

    List<String> mentions();

    /** Forwarded, view once, a link preview: none unless the send asks for them. */
    default MessageTraits traits() {
        return MessageTraits.NONE;
    }
}
