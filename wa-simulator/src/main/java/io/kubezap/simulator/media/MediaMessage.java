package io.kubezap.simulator.media;

import io.kubezap.simulator.protobuf.ProtobufReader;
import io.kubezap.simulator.protobuf.ProtobufWriter;

import java.util.Optional;

/**
 * A media message as the {@code Message} protobuf carries it ({@code imageMessage},
 * {@code videoMessage}, {@code audioMessage}, {@code documentMessage}, {@code stickerMessage}):
 * where to download the blob, the key to open it, the hashes to check, and what to show.
 * Null fields are absent.
 */
public record MediaMessage(MediaType type, String url, String directPath, byte[] mediaKey, byte[] fileSha256,
                           byte[] fileEncSha256, long fileLength, Long mediaKeyTimestamp, String mimeType,
                           String caption, String fileName, Integer seconds, Integer width, Integer height,
                           Quote quote, byte[] waveform, byte[] jpegThumbnail) {

    /** A media message without a waveform or thumbnail. */
    public MediaMessage(MediaType type, String url, String directPath, byte[] mediaKey, byte[] fileSha256,
                        byte[] fileEncSha256, long fileLength, Long mediaKeyTimestamp, String mimeType,
                        String caption, String fileName, Integer seconds, Integer width, Integer height, Quote quote) {
        this(type, url, directPath, mediaKey, fileSha256, fileEncSha256, fileLength, mediaKeyTimestamp, mimeType, caption,
                fileName, seconds, width, height, quote, null, null);
    }

    private static final int DOCUMENT_WITH_CAPTION = 53;
    private static final int FUTURE_PROOF_MESSAGE = 1;
    private static final int CONTEXT_INFO = 17;

    /** What a reply names: the quoted message's id, its sender, and the quoted {@code Message} itself. */
    public record Quote(String stanzaId, String participant, byte[] quotedMessage) {
        /** The {@code ContextInfo} of a reply. */
        public ProtobufWriter toProtobuf() {
            var writer = new ProtobufWriter().string(1, stanzaId);
            if (participant != null) {
                writer.string(2, participant);
            }
            if (quotedMessage != null) {
                writer.bytes(3, quotedMessage);
            }
            return writer;
        }

        static Optional<Quote> parse(ProtobufReader contextInfo) {
            return contextInfo.string(1).map(id -> new Quote(id, contextInfo.string(2).orElse(null), contextInfo.bytes(3).orElse(null)));
        }
    }

    /** View-once media comes wrapped: {@code viewOnceMessage}, {@code viewOnceMessageV2}, {@code viewOnceMessageV2Extension}. */
    private static final int[] VIEW_ONCE_WRAPPERS = {37, 55, 59};

    /**
     * The media of a {@code Message}, if it is one of the media kinds (a document may come wrapped with its caption,
     * view-once media in its wrapper).
     */
    public static Optional<MediaMessage> parse(ProtobufReader message) {
        return kindOf(message).map(kind -> parse(kind.type(), kind.fields()));
    }

    /** A media kind's message read from its own fields (one not directly in a {@code Message}: a card's header picture). */
    public static MediaMessage of(MediaType type, ProtobufReader fields) {
        return parse(type, fields);
    }

    /** A media kind's message inside a {@code Message}: the kind as its field says, and its own fields. */
    public record Kind(MediaType type, ProtobufReader fields) {
    }

    /** The media kind's message a {@code Message} holds, unwrapped as {@link #parse} unwraps it. */
    public static Optional<Kind> kindOf(ProtobufReader message) {
        for (var wrapperField : VIEW_ONCE_WRAPPERS) {
            var inner = message.bytes(wrapperField).flatMap(wrapper -> ProtobufReader.read(wrapper).bytes(FUTURE_PROOF_MESSAGE));
            if (inner.isPresent()) {
                return kindOf(ProtobufReader.read(inner.get()));
            }
        }
        for (var type : MediaType.values()) {
            var fields = message.bytes(type.messageField());
            if (fields.isPresent()) {
                return Optional.of(new Kind(type, ProtobufReader.read(fields.get())));
            }
        }
        return message.bytes(DOCUMENT_WITH_CAPTION)
                .flatMap(wrapper -> ProtobufReader.read(wrapper).bytes(FUTURE_PROOF_MESSAGE))
                .flatMap(inner -> kindOf(ProtobufReader.read(inner)));
    }

    private static MediaMessage parse(MediaType declared, ProtobufReader media) {
        var fields = MediaFields.of(declared);
        var type = declared == MediaType.AUDIO && media.bool(fields.ptt()).orElse(false) ? MediaType.VOICE : declared;
        return new MediaMessage(type,
                media.string(fields.url()).orElse(null),
                media.string(fields.directPath()).orElse(null),
                media.bytes(fields.mediaKey()).orElse(null),
                media.bytes(fields.fileSha256()).orElse(null),
                media.bytes(fields.fileEncSha256()).orElse(null),
                media.uint64(fields.fileLength()).orElse(0L),
                media.uint64(fields.mediaKeyTimestamp()).orElse(null),
                media.string(fields.mimeType()).orElse(null),
                optional(media, fields.caption()).orElse(null),
                optional(media, fields.fileName()).orElse(null),
                optionalInt(media, fields.seconds()),
                optionalInt(media, fields.width()),
                optionalInt(media, fields.height()),
                media.bytes(CONTEXT_INFO).flatMap(context -> Quote.parse(ProtobufReader.read(context))).orElse(null),
                fields.waveform() < 0 ? null : media.bytes(fields.waveform()).orElse(null),
                fields.thumbnail() < 0 ? null : media.bytes(fields.thumbnail()).orElse(null));
    }

    /** The {@code Message} protobuf holding this media. */
    public byte[] toMessage() {
        var fields = MediaFields.of(type);
        var media = new ProtobufWriter();
        put(media, fields.url(), url);
        media.string(fields.mimeType(), mimeType);
        put(media, fields.caption(), caption);
        media.bytes(fields.fileSha256(), fileSha256);
        media.uint64(fields.fileLength(), fileLength);
        putInt(media, fields.seconds(), seconds);
        if (type == MediaType.VOICE) {
            media.uint32(fields.ptt(), 1);
        }
        putInt(media, fields.height(), height);
        putInt(media, fields.width(), width);
        putBytes(media, fields.mediaKey(), mediaKey);
        put(media, fields.fileName(), fileName);
        putBytes(media, fields.fileEncSha256(), fileEncSha256);
        put(media, fields.directPath(), directPath);
        if (mediaKeyTimestamp != null) {
            media.uint64(fields.mediaKeyTimestamp(), mediaKeyTimestamp);
        }
        if (jpegThumbnail != null && fields.thumbnail() >= 0) {
            media.bytes(fields.thumbnail(), jpegThumbnail);
        }
        if (quote != null) {
            media.message(CONTEXT_INFO, quote.toProtobuf());
        }
        if (waveform != null && fields.waveform() >= 0) {
            media.bytes(fields.waveform(), waveform);
        }
        return new ProtobufWriter().message(type.messageField(), media).toByteArray();
    }

    private static Optional<String> optional(ProtobufReader media, int field) {
        return field < 0 ? Optional.empty() : media.string(field);
    }

    private static Integer optionalInt(ProtobufReader media, int field) {
        return field < 0 ? null : media.uint32(field).orElse(null);
    }

    private static void put(ProtobufWriter media, int field, String value) {
        if (field >= 0 && value != null) {
            media.string(field, value);
        }
    }

    /** Channel media travel unencrypted: no media key, no hash of an encrypted blob. */
    private static void putBytes(ProtobufWriter media, int field, byte[] value) {
        if (value != null) {
            media.bytes(field, value);
        }
    }

    private static void putInt(ProtobufWriter media, int field, Integer value) {
        if (field >= 0 && value != null) {
            media.uint32(field, value);
        }
    }

    /** Field numbers inside each kind's message, from WhatsApp's {@code Message.*Message} definitions; -1 where the kind has no such field. */
    private record MediaFields(int url, int mimeType, int caption, int fileSha256, int fileLength, int seconds, int ptt,
                               int height, int width, int mediaKey, int fileName, int fileEncSha256, int directPath,
                               int mediaKeyTimestamp, int thumbnail, int waveform) {
        private static final MediaFields IMAGE = new MediaFields(1, 2, 3, 4, 5, -1, -1, 6, 7, 8, -1, 9, 11, 12, 16, -1);
        private static final MediaFields VIDEO = new MediaFields(1, 2, 7, 3, 4, 5, -1, 9, 10, 6, -1, 11, 13, 14, 16, -1);
        private static final MediaFields AUDIO = new MediaFields(1, 2, -1, 3, 4, 5, 6, -1, -1, 7, -1, 8, 9, 10, -1, 19);
        private static final MediaFields DOCUMENT = new MediaFields(1, 2, 20, 4, 5, -1, -1, -1, -1, 7, 8, 9, 10, 11, 16, -1);
        private static final MediaFields STICKER = new MediaFields(1, 5, -1, 2, 9, -1, -1, 6, 7, 4, -1, 3, 8, 10, -1, -1);

        static MediaFields of(MediaType type) {
            return switch (type) {
                case IMAGE -> IMAGE;
                case VIDEO -> VIDEO;
                case AUDIO, VOICE -> AUDIO;
                case DOCUMENT -> DOCUMENT;
                case STICKER -> STICKER;
            };
        }
    }
}
