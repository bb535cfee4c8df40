package io.kubezap.session.message;

import java.util.List;

/**
 * A validated send: {@code to} and {@code mentions} are full JIDs; {@code type} is the API's message type.
 * {@code text} is the text, or a media's caption; {@code media} is null for a text.
 */
public record SendCommand(String to, String type, String text, MediaAttachment media, String quotedMessageId,
                          List<String> mentions) {

    public static SendCommand text(String to, String text, String quotedMessageId, List<String> mentions) {
        return new SendCommand(to, "text", text, null, quotedMessageId, mentions);
    }
}
