package io.kubezap.session.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.kubezap.session.db.StorableText;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.MessageTraits;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a message says: its content as shown ({@link ShownContent}), what it quotes and mentions, the caller's
 * {@code metadata} (the key/value pairs sent with an outgoing message, echoed in its events) and its {@code traits}
 * (forwarded, view once, link preview: {@link MessageTraits}).
 */
public record MessagePayload(@JsonUnwrapped ShownContent shown, String quotedMessageId, List<String> mentions,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> metadata,
                             @JsonUnwrapped MessageTraits traits) {

    public MessagePayload {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        traits = traits == null ? MessageTraits.NONE : traits;
    }

    /** {@code mediaUrl}: the API path of the file's bytes, for a media kind. */
    static MessagePayload fresh(MessageContent content, String mediaUrl, String quotedMessageId, List<String> mentions) {
        return new MessagePayload(ShownContent.of(content, StorableText.asSent(content.text()), mediaUrl), quotedMessageId,
                mentions, Map.of(), MessageTraits.NONE);
    }

    MessagePayload withExtras(Map<String, String> newMetadata, MessageTraits newTraits) {
        return new MessagePayload(shown, quotedMessageId, mentions, newMetadata, newTraits);
    }

    public MessageContent content() {
        return shown.content();
    }

    /** The file block of a media message, as the API shows it; null for other kinds. */
    public MediaInfo media() {
        return shown.media();
    }
}
