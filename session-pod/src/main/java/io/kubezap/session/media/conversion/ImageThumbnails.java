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
 * An image is sent as given, with what the apps show before they download it: its width and height and a JPEG
 * thumbnail (at most 72 pixels a side, the aspect kept), both computed by FFmpeg after the header's pixel count was
 * checked.
 */
@Singleton
public class ImageThumbnails {

    private static final int SIDE = 72;
    private static final String SHRINK = ("scale=%1$d:%1$d:force_original_aspect_ratio=decrease:force_divisible_by=2,"
            + "format=yuvj420p").formatted(SIDE);

    private final FfmpegRunner ffmpeg;
    private final MediaProbe probe;
    private final ConversionLimits limits;

    public ImageThumbnails(FfmpegRunner ffmpeg, MediaProbe probe, ConversionLimits limits) {
        this.ffmpeg = ffmpeg;
        this.probe = probe;
        this.limits = limits;
    }

    public ConvertedMedia describe(Path file, ScratchSpace scratch) {
        MediaProbe.Probed given = probe.probe(file, MediaInput.PICTURE, scratch);
        PictureChecks.readable(file, given, limits);
        return ConvertedMedia.unchanged(MediaFacts.image(given.width(), given.height(),
                jpeg(file, MediaInput.PICTURE.as(given), 0, scratch)));
    }

    /** The thumbnail of the picture, or of a video's frame {@code atSeconds} in (turned as a player shows it). */
    byte[] jpeg(Path file, MediaInput input, double atSeconds, ScratchSpace scratch) {
        Path thumbnail = null;
        try {
            thumbnail = scratch.newFile();
            List<String> arguments = new ArrayList<>(List.of("-max_pixels", String.valueOf(limits.maxPixels())));
            if (atSeconds > 0) {
                arguments.addAll(List.of("-ss", String.valueOf(atSeconds)));
            }
            arguments.addAll(input.reading(file));
            arguments.addAll(List.of("-map", "0:v:0", "-frames:v", "1", "-vf", SHRINK,
                    "-c:v", "mjpeg", "-q:v", "5", "-f", "mjpeg", "-y", thumbnail.toString()));
            ffmpeg.read("ffmpeg", input, file, arguments, null, scratch);
            return Files.readAllBytes(thumbnail);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        } finally {
            ScratchSpace.delete(thumbnail);
        }
    }
}
