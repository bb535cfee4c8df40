package io.kubezap.session.media.conversion;

import io.kubezap.session.engine.MediaFacts;
import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.failure.Failure;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/**
 * Makes a file to send what WhatsApp's apps expect of its kind (docs/media.md): a voice note Ogg/Opus with its length
 * and waveform, a sticker a 512×512 WebP, an image (a HEIC one as JPEG) with its dimensions and thumbnail, a video an
 * H.264/AAC MP4 with its length, dimensions and thumbnail. Audio and documents are sent as given. Refuses
 * (problem+json) what it cannot read, or what is beyond {@link ConversionLimits}.
 */
@Singleton
public class MediaConversion {

    private static final Logger LOG = Logger.getLogger(MediaConversion.class);

    private final VoiceNotes voiceNotes;
    private final Stickers stickers;
    private final ImageThumbnails images;
    private final Videos videos;
    private final HeifPictures heif;

    public MediaConversion(VoiceNotes voiceNotes, Stickers stickers, ImageThumbnails images, Videos videos, HeifPictures heif) {
        this.voiceNotes = voiceNotes;
        this.stickers = stickers;
        this.images = images;
        this.videos = videos;
        this.heif = heif;
    }

    public ConvertedMedia convert(MediaKind kind, Path file, ScratchSpace scratch) {
        return convert(kind, file, ConvertChoice.AS_NEEDED, scratch);
    }

    /**
     * Without FFmpeg (local mode on a machine without it) what plays without conversion is sent as given, logged: an
     * image (without its thumbnail), audio, a document, or what the send asked not to convert. A voice note, sticker or
     * video would arrive broken, so it is refused (503 {@code media-conversion-unavailable}).
     */
    public ConvertedMedia convert(MediaKind kind, Path file, ConvertChoice choice, ScratchSpace scratch) {
        try {
            return converted(kind, file, choice, scratch);
        } catch (FfmpegMissingException missing) {
            if (kind == MediaKind.IMAGE && !HeifPictures.isHeif(file) || choice == ConvertChoice.NEVER) {
                LOG.warnf("A %s is sent as given, without its dimensions, length or thumbnail: %s (install the"
                        + " distribution's ffmpeg package; the session-pod image has it)", kind.wire(), missing.getMessage());
                return ConvertedMedia.unchanged(MediaFacts.NONE);
            }
            throw unavailable(kind, missing);
        }
    }

    private ConvertedMedia converted(MediaKind kind, Path file, ConvertChoice choice, ScratchSpace scratch) {
        return switch (kind) {
            case VOICE -> voiceNotes.convert(file, choice, scratch);
            case STICKER -> HeifPictures.isHeif(file) ? fromHeif(file, scratch, jpeg -> stickers.convert(jpeg, scratch))
                    : stickers.convert(file, scratch);
            case IMAGE -> HeifPictures.isHeif(file) ? fromHeif(file, scratch, jpeg -> asJpeg(images.describe(jpeg, scratch), jpeg))
                    : images.describe(file, scratch);
            case VIDEO -> videos.convert(file, choice, scratch);
            case AUDIO, DOCUMENT -> ConvertedMedia.unchanged(MediaFacts.NONE);
        };
    }

    private interface FromJpeg {
        ConvertedMedia convert(Path jpeg);
    }

    /** A HEIC picture decoded to a JPEG first; the JPEG is the image sent, or the sticker's source. */
    private ConvertedMedia fromHeif(Path file, ScratchSpace scratch, FromJpeg then) {
        Path jpeg = heif.toJpeg(file, scratch);
        ConvertedMedia result = null;
        try {
            result = then.convert(jpeg);
            return result;
        } finally {
            if (result == null || !jpeg.equals(result.file())) {
                ScratchSpace.delete(jpeg);
            }
        }
    }

    private static ConvertedMedia asJpeg(ConvertedMedia described, Path jpeg) {
        return new ConvertedMedia(jpeg, "image/jpeg", described.facts());
    }

    private static Failure unavailable(MediaKind kind, FfmpegMissingException missing) {
        return new Failure(Failure.Kind.UNAVAILABLE, "media-conversion-unavailable", "Media conversion unavailable",
                "A " + kind.wire() + " needs converting to play on WhatsApp, and this pod cannot: " + missing.getMessage()
                        + " (install the distribution's ffmpeg and libheif-examples packages, or send with convert=false)");
    }
}
