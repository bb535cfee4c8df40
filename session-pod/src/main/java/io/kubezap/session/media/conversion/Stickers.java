package io.kubezap.session.media.conversion;

import io.kubezap.session.engine.MediaFacts;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A sticker as WhatsApp's apps show it: a 512×512 WebP, the picture fitted inside with its transparency kept (the rest
 * transparent), within the apps' size limits (one that already is such a WebP is sent untouched); an animated GIF (or any input of several frames) becomes an animated
 * WebP, flagged as animated. An animated WebP is taken only as it is, already 512×512 (FFmpeg before 8.0, Ubuntu
 * 24.04's 6.1 and Debian 12's 5.1, does not decode animated WebP).
 */
@Singleton
public class Stickers {

    static final int SIDE = 512;
    private static final String FIT = ("scale=%1$d:%1$d:force_original_aspect_ratio=decrease,format=rgba,"
            + "pad=%1$d:%1$d:(ow-iw)/2:(oh-ih)/2:color=0x00000000").formatted(SIDE);
    /** WebP qualities tried in turn until the sticker fits the apps' limit. */
    private static final int[] QUALITIES = {80, 50, 25};

    private final FfmpegRunner ffmpeg;
    private final MediaProbe probe;
    private final ConversionLimits limits;

    public Stickers(FfmpegRunner ffmpeg, MediaProbe probe, ConversionLimits limits) {
        this.ffmpeg = ffmpeg;
        this.probe = probe;
        this.limits = limits;
    }

    public ConvertedMedia convert(Path file, ScratchSpace scratch) {
        try {
            AnimatedWebp.Canvas animatedWebp = AnimatedWebp.canvasOf(file);
            if (animatedWebp != null) {
                return takenAsItIs(file, animatedWebp);
            }
            MediaProbe.Probed given = probe.probe(file, true, MediaInput.PICTURE, scratch);
            PictureChecks.readable(file, given, limits);
            boolean animated = given.videoPackets() > 1;
            if (animated && given.seconds() > limits.maxAnimatedStickerSeconds()) {
                throw ConversionFailures.tooLong("animated sticker", given.seconds(), limits.maxAnimatedStickerSeconds());
            }
            if (!animated && isStickerAlready(file, given)) {
                return ConvertedMedia.unchanged(MediaFacts.sticker(SIDE, SIDE, false));
            }
            Path sticker = encoded(file, MediaInput.PICTURE.as(given), animated, scratch);
            return new ConvertedMedia(sticker, "image/webp", MediaFacts.sticker(SIDE, SIDE, animated));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private ConvertedMedia takenAsItIs(Path file, AnimatedWebp.Canvas canvas) throws IOException {
        if (canvas.width() != SIDE || canvas.height() != SIDE) {
            throw ConversionFailures.unsupported("An animated WebP sticker must already be 512×512; this one is "
                    + canvas.width() + "×" + canvas.height() + " (send it as an animated GIF to have it fitted)");
        }
        fitsLimit(Files.size(file), true);
        return ConvertedMedia.unchanged(MediaFacts.sticker(SIDE, SIDE, true));
    }

    /** A still 512×512 WebP within the limit is sent untouched, like an Ogg/Opus voice note. */
    private boolean isStickerAlready(Path file, MediaProbe.Probed given) throws IOException {
        return "webp".equals(given.videoCodec()) && given.width() == SIDE && given.height() == SIDE
                && Files.size(file) <= limits.maxStaticStickerBytes();
    }

    /** The file as a fitted WebP, at the best quality that stays within the apps' limit. */
    private Path encoded(Path file, MediaInput input, boolean animated, ScratchSpace scratch) throws IOException {
        Path sticker = scratch.newFile();
        try {
            long size = 0;
            for (int quality : QUALITIES) {
                ffmpeg.read("ffmpeg", input, file, arguments(file, input, sticker, animated, quality), null, scratch);
                size = Files.size(sticker);
                if (size <= maxBytes(animated)) {
                    return sticker;
                }
            }
            throw ConversionFailures.tooLargeAfterConversion(animated ? "animated sticker" : "sticker", size, maxBytes(animated));
        } catch (RuntimeException failed) {
            ScratchSpace.delete(sticker);
            throw failed;
        }
    }

    private List<String> arguments(Path file, MediaInput input, Path sticker, boolean animated, int quality) {
        List<String> arguments = new ArrayList<>(List.of("-max_pixels", String.valueOf(limits.maxPixels())));
        arguments.addAll(input.reading(file));
        arguments.addAll(List.of("-map", "0:v:0", "-vf", FIT, "-quality", String.valueOf(quality)));
        if (animated) {
            arguments.addAll(List.of("-c:v", "libwebp_anim", "-loop", "0", "-t", String.valueOf(limits.maxAnimatedStickerSeconds())));
        } else {
            arguments.addAll(List.of("-c:v", "libwebp", "-frames:v", "1"));
        }
        arguments.addAll(List.of("-f", "webp", "-y", sticker.toString()));
        return arguments;
    }

    private void fitsLimit(long size, boolean animated) {
        if (size > maxBytes(animated)) {
            throw ConversionFailures.tooLargeAfterConversion(animated ? "animated sticker" : "sticker", size, maxBytes(animated));
        }
    }

    private long maxBytes(boolean animated) {
        return animated ? limits.maxAnimatedStickerBytes() : limits.maxStaticStickerBytes();
    }
}
