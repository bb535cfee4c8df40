package io.kubezap.session.media;

import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.failure.Failure;
import jakarta.inject.Singleton;
import org.apache.tika.Tika;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * A file's media type, detected from its bytes (Apache Tika's magic numbers, the file name only as a hint), and
 * checked against what the client declared and the kind it is sent as: a PNG declared {@code image/jpeg}, or a PDF
 * sent as an image, is refused with 415 before anything is sent.
 */
@Singleton
public class MediaTypes {

    private static final MediaType UNKNOWN = MediaType.OCTET_STREAM;

    /** Tika's type database, loaded with the first media message instead of at every start (~25 ms of CPU). */
    private static final class TypeDatabase {
        static final MediaTypeRegistry REGISTRY = MimeTypes.getDefaultMimeTypes().getMediaTypeRegistry();
        static final Tika DETECTOR = new Tika();
    }

    /** The type to send the file with: the declared one when the bytes agree, else the detected one. */
    public String resolve(MediaKind kind, byte[] head, String declared, String fileName) {
        MediaType detected = detect(head, fileName);
        MediaType chosen = declared == null ? detected : agreeing(parse(declared), detected);
        if (!fitsKind(kind, chosen, detected)) {
            throw unsupported("A " + kind.wire() + " cannot be a file of type " + (detected.equals(UNKNOWN) ? chosen : detected));
        }
        if (chosen.equals(UNKNOWN) && kind != MediaKind.DOCUMENT) {
            return kind.defaultMimeType();
        }
        return declared == null ? chosen.toString() : declared.trim();
    }

    /** From the file's first bytes ({@link MediaStore#HEAD}: as much as Tika's magic numbers look at). */
    private MediaType detect(byte[] head, String fileName) {
        try (InputStream in = new java.io.ByteArrayInputStream(head)) {
            return MediaType.parse(TypeDatabase.DETECTOR.detect(in, fileName)).getBaseType();
        } catch (IOException unreadable) {
            return UNKNOWN;
        }
    }

    private static MediaType agreeing(MediaType declared, MediaType detected) {
        if (detected.equals(UNKNOWN) || detected.equals(MediaType.TEXT_PLAIN) || related(declared, detected)) {
            return declared;
        }
        throw unsupported("The file was declared " + declared + " but its content is " + detected);
    }

    private static boolean related(MediaType a, MediaType b) {
        return a.equals(b) || TypeDatabase.REGISTRY.isSpecializationOf(a, b) || TypeDatabase.REGISTRY.isSpecializationOf(b, a)
                || TypeDatabase.REGISTRY.normalize(a).equals(TypeDatabase.REGISTRY.normalize(b))
                || (isOgg(a) && isOgg(b)) || (isMatroska(a) && isMatroska(b));
    }

    private static boolean fitsKind(MediaKind kind, MediaType chosen, MediaType detected) {
        MediaType type = detected.equals(UNKNOWN) ? chosen : detected;
        if (type.equals(UNKNOWN) || kind == MediaKind.DOCUMENT) {
            return true;
        }
        return switch (kind) {
            case IMAGE, STICKER -> type.getType().equals("image");
            case VIDEO -> type.getType().equals("video") || type.getSubtype().equals("mp4") || type.getSubtype().equals("gif")
                    || isMatroska(type);
            case AUDIO, VOICE -> type.getType().equals("audio") || isOgg(type) || type.getSubtype().equals("mp4")
                    || isMatroska(type);
            case DOCUMENT -> true;
        };
    }

    private static boolean isOgg(MediaType type) {
        return type.getSubtype().equals("ogg") || type.getSubtype().equals("opus") || type.getSubtype().equals("vorbis");
    }

    /** Tika tells a WebM by its EBML header only as {@code application/x-matroska}, WebM's own container. */
    private static boolean isMatroska(MediaType type) {
        return type.getSubtype().equals("webm") || type.getSubtype().equals("x-matroska");
    }

    private static MediaType parse(String declared) {
        MediaType type = MediaType.parse(declared.toLowerCase(Locale.ROOT));
        if (type == null) {
            throw Failure.invalid("mimeType", "is not a media type (type/subtype)");
        }
        return type.getBaseType();
    }

    private static Failure unsupported(String detail) {
        return new Failure(Failure.Kind.UNSUPPORTED_TYPE, "unsupported-media-type", "Unsupported media type", detail);
    }
}
