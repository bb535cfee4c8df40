package io.kubezap.session.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.kubezap.session.engine.MessageContent;

/**
 * A message's {@link MessageContent} with the fields the API has always shown for it: {@code type}, {@code text}
 * (a media's caption, a place's or poll's name), {@code rawText} (only when the text held characters PostgreSQL cannot
 * store: NUL, shown as U+FFFD in {@code text}; the text as it came, base64 of its UTF-8 bytes), the file block
 * {@code media} (with {@code url}, the API path of its bytes) and a structured kind's block. Made by {@link #of}
 * only: the shown fields follow from the content.
 */
public record ShownContent(@JsonIgnore MessageContent content, String type, String text,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String rawText, MediaInfo media,
                           @JsonUnwrapped MessageContent.Block block) {

    public static ShownContent of(MessageContent content, String rawText, String mediaUrl) {
        MediaInfo media = content instanceof MessageContent.Media file ? MediaInfo.of(file, mediaUrl) : null;
        MessageContent.Block block = content instanceof MessageContent.Structured structured ? MessageContent.Block.of(structured) : null;
        return new ShownContent(content, content.type(), content.text(), rawText, media, block);
    }
}
