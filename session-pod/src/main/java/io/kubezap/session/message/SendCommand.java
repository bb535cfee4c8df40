package io.kubezap.session.message;

import java.util.List;

/** A validated text to send: {@code to} and {@code mentions} are full JIDs. */
public record SendCommand(String to, String text, String quotedMessageId, List<String> mentions) {
}
