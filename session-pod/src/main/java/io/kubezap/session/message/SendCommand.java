package io.kubezap.session.message;

import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.MessageTraits;

import java.util.List;
import java.util.Map;

/**
 * A validated send: {@code to} and {@code mentions} are full JIDs; {@code content} is what is sent (a media's file
 * already in the media store, or still at {@code mediaSource}, fetched when the message is sent).
 * {@code mentionAll}: mention every member of the group {@code to} (resolved when the send is accepted).
 * {@code metadata} is the caller's, stored and echoed; {@code traits} what WhatsApp shows (forwarded, view once, link
 * preview); {@code pacing} how long to show typing first.
 */
public record SendCommand(String to, MessageContent content, MediaSource mediaSource, String quotedMessageId,
                          List<String> mentions, boolean mentionAll, Map<String, String> metadata, MessageTraits traits,
                          Pacing pacing) {

    public SendCommand {
        metadata = metadata == null ? Map.of() : metadata;
        traits = traits == null ? MessageTraits.NONE : traits;
        pacing = pacing == null ? Pacing.NONE : pacing;
    }

    public SendCommand(String to, MessageContent content, MediaSource mediaSource, String quotedMessageId,
                       List<String> mentions) {
        this(to, content, mediaSource, quotedMessageId, mentions, false, Map.of(), MessageTraits.NONE, Pacing.NONE);
    }

    public static SendCommand text(String to, String text, String quotedMessageId, List<String> mentions) {
        return new SendCommand(to, new MessageContent.Text(text), null, quotedMessageId, mentions);
    }

    /** The same send, with how it is to look and be paced and what the caller attached. */
    public SendCommand with(boolean everyone, Map<String, String> callerMetadata, MessageTraits newTraits, Pacing newPacing) {
        return new SendCommand(to, content, mediaSource, quotedMessageId, mentions, everyone, callerMetadata, newTraits,
                newPacing);
    }

    public SendCommand withMentions(List<String> resolved) {
        return new SendCommand(to, content, mediaSource, quotedMessageId, resolved, false, metadata, traits, pacing);
    }

    /**
     * Sending like a person: show the chat that the account is typing ({@code typing}; recording, for a voice note) for
     * {@code delayMs} before the message goes out.
     */
    public record Pacing(int delayMs, boolean typing) {
        public static final Pacing NONE = new Pacing(0, false);
    }
}
