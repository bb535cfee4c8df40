package io.kubezap.session.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * A file to send as {@code kind}: read from {@code file} as it is encrypted and uploaded, never whole in memory.
 * {@code fileName} is what the recipient sees for a document; {@code caption} may be null (stickers and audio
 * have none on WhatsApp).
 */
public record OutgoingMedia(String chatJid, MediaKind kind, Path file, String mimeType, String fileName,
                            String caption, String quotedMessageId, List<String> mentions, MessageTraits traits)
        implements OutgoingMessage {

    public OutgoingMedia {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        traits = traits == null ? MessageTraits.NONE : traits;
    }

    public OutgoingMedia(String chatJid, MediaKind kind, Path file, String mimeType, String fileName, String caption,
                         String quotedMessageId, List<String> mentions) {
        this(chatJid, kind, file, mimeType, fileName, caption, quotedMessageId, mentions, MessageTraits.NONE);
    }
}
