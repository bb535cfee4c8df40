package io.kubezap.simulator.content;

import io.kubezap.simulator.media.MediaType;
import io.kubezap.simulator.protobuf.ProtobufReader;
import io.kubezap.simulator.protobuf.ProtobufWriter;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * How a phone's chat presents a message beyond its content, as WhatsApp's {@code Message} protobuf says: opened once
 * only (wrapped in {@code viewOnceMessage}, {@code viewOnceMessageV2} or {@code viewOnceMessageV2Extension}),
 * forwarded ({@code contextInfo.isForwarded}, {@code forwardingScore}), the accounts it mentions
 * ({@code contextInfo.mentionedJid}), and a text's link preview ({@code extendedTextMessage}'s matched text,
 * canonical URL, title, description and JPEG thumbnail), and a text status's look ({@code extendedTextMessage}'s
 * {@code backgroundArgb} and {@code font}).
 */
public record Presentation(boolean viewOnce, boolean forwarded, int forwardingScore, LinkPreview linkPreview,
                           @JsonInclude(JsonInclude.Include.NON_NULL) StatusLook statusLook) {

    public Presentation(boolean viewOnce, boolean forwarded, int forwardingScore, LinkPreview linkPreview) {
        this(viewOnce, forwarded, forwardingScore, linkPreview, null);
    }

    static final List<Integer> VIEW_ONCE_WRAPPERS = List.of(37, 55, 59);
    private static final int EXTENDED_TEXT = 6;
    private static final int CONTEXT_INFO = 17;
    private static final int BACKGROUND_ARGB = 8;
    private static final int FONT = 9;
    private static final int FORWARDING_SCORE = 21;
    private static final int IS_FORWARDED = 22;
    /** The content kinds whose {@code contextInfo} is field 17: extended text, image, contact, location, document, audio, video, sticker. */
    private static final List<Integer> CONTEXTUAL = List.of(6, 3, 4, 5, 7, 8, 9, 26, 13);

    /** {@code thumbnail}: base64 of the JPEG, or null. */
    public record LinkPreview(String matchedText, String canonicalUrl, String title, String description, String thumbnail) {
    }

    /**
     * A text status's background ({@code #AARRGGBB}) and font (WhatsApp's font number), as the phone draws it: without
     * a font, in the first.
     */
    public record StatusLook(String backgroundColor, Integer font) {
    }

    public static Presentation of(byte[] message) {
        var reader = ProtobufReader.read(message);
        var wrapped = viewOnceContent(reader);
        var content = wrapped.map(ProtobufReader::read).orElse(reader);
        var context = CONTEXTUAL.stream().map(content::bytes).flatMap(Optional::stream).findFirst()
                .flatMap(inner -> ProtobufReader.read(inner).bytes(CONTEXT_INFO)).map(ProtobufReader::read);
        int score = context.flatMap(found -> found.uint32(FORWARDING_SCORE)).orElse(0);
        boolean forwarded = context.flatMap(found -> found.bool(IS_FORWARDED)).orElse(false);
        var extended = content.bytes(EXTENDED_TEXT).map(ProtobufReader::read);
        return new Presentation(wrapped.isPresent(), forwarded, score, extended.flatMap(Presentation::preview).orElse(null),
                extended.flatMap(Presentation::statusLook).orElse(null));
    }

    /** The message a view-once wrapper holds ({@code FutureProofMessage.message}), if the message is one. */
    static Optional<byte[]> viewOnceContent(ProtobufReader message) {
        return VIEW_ONCE_WRAPPERS.stream().map(message::bytes).flatMap(Optional::stream).findFirst()
                .flatMap(wrapper -> ProtobufReader.read(wrapper).bytes(1));
    }

    private static Optional<LinkPreview> preview(ProtobufReader extended) {
        var matched = extended.string(2);
        var canonical = extended.string(4);
        var title = extended.string(6);
        if (matched.isEmpty() && canonical.isEmpty() && title.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LinkPreview(matched.orElse(null), canonical.orElse(null), title.orElse(null),
                extended.string(5).orElse(null), extended.bytes(16).map(Base64.getEncoder()::encodeToString).orElse(null)));
    }

    private static Optional<StatusLook> statusLook(ProtobufReader extended) {
        var background = extended.fixed32(BACKGROUND_ARGB);
        var font = extended.uint32(FONT);
        if (background.isEmpty() && font.isEmpty()) {
            return Optional.empty();
        }
        // no font: the first (0), the enum's default, which a client may leave out (Baileys does)
        return Optional.of(new StatusLook(background.map(argb -> String.format("#%08X", argb)).orElse(null), font.orElse(0)));
    }

    // ---- writing, as a phone's WhatsApp writes them ----

    /** A text status as a phone posts it: an {@code extendedTextMessage} with its background colour and font. */
    public static byte[] textStatus(String text, int backgroundArgb, int font) {
        var extended = new ProtobufWriter().string(1, text).fixed32(BACKGROUND_ARGB, backgroundArgb).uint32(FONT, font);
        return new ProtobufWriter().message(EXTENDED_TEXT, extended).toByteArray();
    }

    /**
     * View-once media as a phone sends it: the media message flagged {@code viewOnce} (field 25 of an image, 20 of a
     * video, 21 of an audio), wrapped in {@code viewOnceMessageV2} (its {@code FutureProofMessage}).
     */
    public static byte[] viewOnce(MediaType type, byte[] message) {
        int flag = switch (type) {
            case IMAGE -> 25;
            case VIDEO -> 20;
            case AUDIO, VOICE -> 21;
            default -> throw new IllegalArgumentException("only an image, a video or an audio can be view once, not a " + type.id());
        };
        byte[] media = ProtobufReader.read(message).bytes(type.messageField()).orElseThrow();
        byte[] flagged = new ProtobufWriter().uint32(flag, 1).toByteArray();
        byte[] inner = java.nio.ByteBuffer.allocate(media.length + flagged.length).put(media).put(flagged).array();
        return new ProtobufWriter().message(55, new ProtobufWriter().bytes(1, new ProtobufWriter().bytes(type.messageField(), inner)
                .toByteArray())).toByteArray();
    }

    /** A text whose link WhatsApp previews: an {@code extendedTextMessage} with the card's fields. */
    public static byte[] textWithPreview(String text, LinkPreview preview) {
        var extended = new ProtobufWriter().string(1, text);
        if (preview.matchedText() != null) {
            extended.string(2, preview.matchedText());
        }
        if (preview.canonicalUrl() != null) {
            extended.string(4, preview.canonicalUrl());
        }
        if (preview.description() != null) {
            extended.string(5, preview.description());
        }
        if (preview.title() != null) {
            extended.string(6, preview.title());
        }
        if (preview.thumbnail() != null) {
            extended.bytes(16, Base64.getDecoder().decode(preview.thumbnail()));
        }
        return new ProtobufWriter().message(EXTENDED_TEXT, extended).toByteArray();
    }
}
