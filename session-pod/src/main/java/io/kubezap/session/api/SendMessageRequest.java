package io.kubezap.session.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/** {@code POST /messages}: a text to {@code to} (phone number or JID), optionally quoting a message and mentioning people. */
public record SendMessageRequest(String type,
                                 @NotBlank String to,
                                 @NotBlank @Size(max = 65536) String text,
                                 String quotedMessageId,
                                 @Size(max = 256) List<String> mentions) {
}
