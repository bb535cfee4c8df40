package io.kubezap.session.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * A file to send as {@code kind}: read from {@code file} as it is encrypted and uploaded, never whole in memory.
 * {@code fileName} is what the recipient sees for a document; {@code caption} may be null (stickers and audio
 * have none on WhatsApp). {@code facts}: what the apps read besides the file (a voice note's seconds and waveform, an
 * image's dimensions and thumbnail, a sticker's dimensions and animation), as the pod computed them; never null.
 */
public record OutgoingMedia(String chatJid, MediaKind kind, Path file, String mimeType, String fileName,
                            String caption, String quotedMessageId, List<String> mentions, MessageTraits traits,
                            MediaFacts facts)
        implements OutgoingMessage {

    public OutgoingMedia {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        traits = traits == null ? MessageTraits.NONE : traits;
        facts = facts == null ? MediaFacts.NONE : facts;
    }

    public OutgoingMedia(String chatJid, MediaKind kind, Path file, String mimeType, String fileName, String caption,
                         String quotedMessageId, List<String> mentions) {
        this(chatJid, kind, file, mimeType, fileName, caption, quotedMessageId, mentions, MessageTraits.NONE, MediaFacts.NONE);
    }
}
