package io.kubezap.session.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * {@code POST /messages}: to {@code to} (phone number or JID) a text ({@code type} "text" or absent, {@code text}),
 * or a file ({@code type} image, video, audio, voice, document or sticker; {@code media} with {@code url} or base64
 * {@code data}; optional {@code mimeType}, {@code fileName}, {@code caption}); optionally quoting a message and
 * mentioning people.
 */
public record SendMessageRequest(String type,
                                 @NotBlank String to,
                                 @Size(max = 65536) String text,
                                 MediaSource media,
                                 @Size(max = 255) String mimeType,
                                 @Size(max = 255) String fileName,
                                 @Size(max = 4096) String caption,
                                 String quotedMessageId,
                                 @Size(max = 256) List<String> mentions) {

    /** Where a file comes from: exactly one of a URL or base64 data. */
    public record MediaSource(@Size(max = 4096) String url, String data) {
    }
}
