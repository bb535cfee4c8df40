package io.kubezap.session.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * A file to send as {@code kind}: read from {@code file} as it is encrypted and uploaded, never whole in memory.
 * {@code fileName} is what the recipient sees for a document; {@code caption} may be null (stickers and audio
 * have none on WhatsApp). {@code facts}: what the apps read besides the file (a voice note's seconds and waveform, an
 * image's dimensions and thumbnail, a sticker's dimensions and animation), as the pod computed them; never null.
 * {@code standard}: for a photo or video sent in HD ({@link MessageTraits#hd()}), its standard-quality copy, which goes
 * first, {@code file} following as the HD original associated to it; else null.
 */
public record OutgoingMedia(String chatJid, MediaKind kind, Path file, String mimeType, String fileName,
                            String caption, String quotedMessageId, List<String> mentions, MessageTraits traits,
                            MediaFacts facts, StandardCopy standard)
        implements OutgoingMessage {

    /** The standard-quality copy of an HD photo or video, made for its send: the file, its type and what the apps read. */
    public record StandardCopy(Path file, String mimeType, MediaFacts facts) {
    }

    public OutgoingMedia {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        traits = traits == null ? MessageTraits.NONE : traits;
        facts = facts == null ? MediaFacts.NONE : facts;
    }

    public OutgoingMedia(String chatJid, MediaKind kind, Path file, String mimeType, String fileName, String caption,
                         String quotedMessageId, List<String> mentions) {
        this(chatJid, kind, file, mimeType, fileName, caption, quotedMessageId, mentions, MessageTraits.NONE, MediaFacts.NONE);
    }

    public OutgoingMedia(String chatJid, MediaKind kind, Path file, String mimeType, String fileName, String caption,
                         String quotedMessageId, List<String> mentions, MessageTraits traits, MediaFacts facts) {
        this(chatJid, kind, file, mimeType, fileName, caption, quotedMessageId, mentions, traits, facts, null);
    }
}
