package io.kubezap.session.media.conversion;

import io.kubezap.session.engine.MediaFacts;
import io.kubezap.session.engine.MediaKind;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.file.Path;

/**
 * Makes a file to send what WhatsApp's apps expect of its kind (docs/media.md): a voice note Ogg/Opus with its length
 * and waveform, a sticker a 512×512 WebP, an image with its dimensions and thumbnail. Video, audio and documents are
 * sent as given. Refuses (problem+json) what it cannot read, or what is beyond {@link ConversionLimits}.
 */
@Singleton
public class MediaConversion {

    private static final Logger LOG = Logger.getLogger(MediaConversion.class);

    private final VoiceNotes voiceNotes;
    private final Stickers stickers;
    private final ImageThumbnails images;

    public MediaConversion(VoiceNotes voiceNotes, Stickers stickers, ImageThumbnails images) {
        this.voiceNotes = voiceNotes;
        this.stickers = stickers;
        this.images = images;
    }

    /** Without FFmpeg (local mode on a machine without it) the file is sent as given, as before conversions, and logged. */
    public ConvertedMedia convert(MediaKind kind, Path file, ScratchSpace scratch) {
        try {
            return converted(kind, file, scratch);
        } catch (FfmpegMissingException missing) {
            LOG.warnf("A %s is sent as given, unconverted and without its seconds, waveform, dimensions or thumbnail:"
                    + " %s (install Debian's ffmpeg package; the session-pod image has it)", kind.wire(), missing.getMessage());
            return ConvertedMedia.unchanged(MediaFacts.NONE);
        }
    }

    private ConvertedMedia converted(MediaKind kind, Path file, ScratchSpace scratch) {
        return switch (kind) {
            case VOICE -> voiceNotes.convert(file, scratch);
            case STICKER -> stickers.convert(file, scratch);
            case IMAGE -> images.describe(file, scratch);
            case VIDEO, AUDIO, DOCUMENT -> ConvertedMedia.unchanged(MediaFacts.NONE);
        };
    }
}
