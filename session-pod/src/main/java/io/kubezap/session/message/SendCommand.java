package io.kubezap.session.message;

import java.util.List;

/**
 * A validated send: {@code to} and {@code mentions} are full JIDs; {@code type} is the API's message type.
 * {@code text} is the text, a media's caption, or a place's or poll's name; {@code media} is set for files,
 * {@code body} for locations, contacts and polls.
 */
public record SendCommand(String to, String type, String text, MediaAttachment media, MessageBody body,
                          String quotedMessageId, List<String> mentions) {

    public static SendCommand text(String to, String text, String quotedMessageId, List<String> mentions) {
        return new SendCommand(to, "text", text, null, null, quotedMessageId, mentions);
    }
}
