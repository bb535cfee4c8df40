package io.kubezap.session.message;

import io.kubezap.session.engine.MessageTraits;

import java.util.List;
import java.util.Map;

/**
 * A validated send: {@code to} and {@code mentions} are full JIDs; {@code type} is the API's message type.
 * {@code text} is the text, a media's caption, or a place's or poll's name; {@code media} is set for files,
 * {@code body} for locations, contacts and polls. {@code mentionAll}: mention every member of the group {@code to}
 * (resolved when the send is accepted). {@code metadata} is the caller's, stored and echoed; {@code traits} what WhatsApp
 * shows (forwarded, view once, link preview); {@code pacing} how long to show typing first.
 */
public record SendCommand(String to, String type, String text, MediaAttachment media, MessageBody body,
                          String quotedMessageId, List<String> mentions, boolean mentionAll, Map<String, String> metadata,
                          MessageTraits traits, Pacing pacing) {

    public SendCommand {
        metadata = metadata == null ? Map.of() : metadata;
        traits = traits == null ? MessageTraits.NONE : traits;
        pacing = pacing == null ? Pacing.NONE : pacing;
    }

    public SendCommand(String to, String type, String text, MediaAttachment media, MessageBody body,
                       String quotedMessageId, List<String> mentions) {
        this(to, type, text, media, body, quotedMessageId, mentions, false, Map.of(), MessageTraits.NONE, Pacing.NONE);
    }

    public static SendCommand text(String to, String text, String quotedMessageId, List<String> mentions) {
        return new SendCommand(to, "text", text, null, null, quotedMessageId, mentions);
    }

    /** The same send, with how it is to look and be paced and what the caller attached. */
    public SendCommand with(boolean everyone, Map<String, String> callerMetadata, MessageTraits newTraits, Pacing newPacing) {
        return new SendCommand(to, type, text, media, body, quotedMessageId, mentions, everyone, callerMetadata, newTraits,
                newPacing);
    }

    public SendCommand withMentions(List<String> resolved) {
        return new SendCommand(to, type, text, media, body, quotedMessageId, resolved, false, metadata, traits, pacing);
    }

    /**
     * Sending like a person: show the chat that the account is typing ({@code typing}; recording, for a voice note) for
     * {@code delayMs} before the message goes out.
     */
    public record Pacing(int delayMs, boolean typing) {
        public static final Pacing NONE = new Pacing(0, false);
    }
}
