package io.kubezap.session.media.conversion;

import io.kubezap.session.engine.MediaKind;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The standard-quality copy WhatsApp's apps send first of a photo or video sent in HD, the file itself (as the pod
 * sends any photo or video) going second as the HD original: a photo as a JPEG of at most {@link #PHOTO_SIDE} pixels a
 * side, a video re-encoded at most {@link #VIDEO_SIDE} pixels a side (WhatsApp's standard sizes), each with its own
 * dimensions and thumbnail.
 */
@Singleton
public class StandardCopies {

    static final int PHOTO_SIDE = 1600;
    static final int VIDEO_SIDE = 848;
    private static final String FIT = ("scale='trunc(min(%1$d,iw*min(1,%1$d/max(iw,ih)))/2)*2'"
            + ":'trunc(min(%1$d,ih*min(1,%1$d/max(iw,ih)))/2)*2',format=yuvj420p").formatted(PHOTO_SIDE);

    private final FfmpegRunner ffmpeg;
    private final MediaProbe probe;
    private final ImageThumbnails images;
    private final Videos videos;
    private final ConversionLimits limits;

    public StandardCopies(FfmpegRunner ffmpeg, MediaProbe probe, ImageThumbnails images, Videos videos, ConversionLimits limits) {
        this.ffmpeg = ffmpeg;
        this.probe = probe;
        this.images = images;
        this.videos = videos;
        this.limits = limits;
    }

    /** The standard copy of a {@code kind} file (a photo or a video), in the scratch space. */
    public ConvertedMedia of(MediaKind kind, Path file, ScratchSpace scratch) {
        return switch (kind) {
            case IMAGE -> photo(file, scratch);
            case VIDEO -> videos.scaledCopy(file, VIDEO_SIDE, scratch);
            default -> throw new IllegalArgumentException("only a photo or a video is sent in HD, not a " + kind.wire());
        };
    }

    private ConvertedMedia photo(Path file, ScratchSpace scratch) {
        MediaInput input = MediaInput.PICTURE.as(probe.probe(file, MediaInput.PICTURE, scratch));
        Path jpeg = scratch.filled(copy -> {
            List<String> arguments = new ArrayList<>(List.of("-max_pixels", String.valueOf(limits.maxPixels())));
            arguments.addAll(input.reading(file));
            arguments.addAll(List.of("-map", "0:v:0", "-frames:v", "1", "-vf", FIT, "-c:v", "mjpeg", "-q:v", "3",
                    "-f", "mjpeg", "-y", copy.toString()));
            ffmpeg.read("ffmpeg", input, file, arguments, null, scratch);
        });
        try {
            return new ConvertedMedia(jpeg, "image/jpeg", images.describe(jpeg, scratch).facts());
        } catch (RuntimeException failed) {
            ScratchSpace.delete(jpeg);
            throw failed;
        }
    }
}
