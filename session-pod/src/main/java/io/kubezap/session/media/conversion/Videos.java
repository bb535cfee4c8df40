package io.kubezap.session.media.conversion;

import io.kubezap.session.engine.MediaFacts;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A video as WhatsApp's apps play it: an MP4 of H.264 (4:2:0) and AAC, with its length, its dimensions as shown and a
 * JPEG thumbnail. A file that already is one is sent untouched; H.264/AAC in a QuickTime MOV is rewrapped as MP4 (no
 * re-encoding); anything else FFmpeg reads (WebM, VP8/VP9, HEVC, MPEG-4…) is re-encoded with libx264 and AAC, scaled
 * down to at most {@link ConversionLimits#maxVideoSide()} pixels a side. A GIF becomes a muted H.264 MP4 played as a
 * GIF ({@code gifPlayback}).
 */
@Singleton
public class Videos {

    static final String MP4 = "video/mp4";
    private static final Set<String> PLAYABLE_AUDIO = Set.of("aac");
    private static final Set<String> MP4_BRANDS = Set.of("isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "M4V", "dash");

    private final FfmpegRunner ffmpeg;
    private final MediaProbe probe;
    private final ImageThumbnails thumbnails;
    private final ConversionLimits limits;

    public Videos(FfmpegRunner ffmpeg, MediaProbe probe, ImageThumbnails thumbnails, ConversionLimits limits) {
        this.ffmpeg = ffmpeg;
        this.probe = probe;
        this.thumbnails = thumbnails;
        this.limits = limits;
    }

    public ConvertedMedia convert(Path file, ConvertChoice choice, ScratchSpace scratch) {
        MediaProbe.Probed given = probe.probe(file, MediaInput.VIDEO, scratch);
        MediaInput input = MediaInput.VIDEO.as(given);
        boolean gif = given.container().equals("gif");
        checked(given, gif);
        if (gif && choice == ConvertChoice.NEVER) {
            throw ConversionFailures.unsupported("A GIF plays on WhatsApp only as an MP4 video; convert=false leaves it a GIF");
        }
        Path video = switch (gif ? ConvertChoice.ALWAYS : choice) {
            case NEVER -> null;
            case ALWAYS -> encoded(file, input, gif, limits.maxVideoSide(), scratch);
            case AS_NEEDED -> plays(given) ? (isMp4(given) ? null : rewrapped(file, input, scratch))
                    : encoded(file, input, false, limits.maxVideoSide(), scratch);
        };
        return described(file, video, given, gif, scratch);
    }

    /**
     * The video re-encoded at most {@code side} pixels a side (the standard copy of a video sent in HD,
     * {@link StandardCopies}); the file as the pod sends it otherwise stays as it is.
     */
    ConvertedMedia scaledCopy(Path file, int side, ScratchSpace scratch) {
        MediaProbe.Probed given = probe.probe(file, MediaInput.VIDEO, scratch);
        checked(given, false);
        Path video = encoded(file, MediaInput.VIDEO.as(given), false, side, scratch);
        return described(file, video, given, false, scratch);
    }

    /** {@code video} (or, when null, {@code file} as given) with its length, dimensions and thumbnail. */
    private ConvertedMedia described(Path file, Path video, MediaProbe.Probed given, boolean gif, ScratchSpace scratch) {
        try {
            MediaProbe.Probed sent = video == null ? given : probe.probe(video, MediaInput.VIDEO, scratch);
            if (video != null && Files.size(video) > limits.maxVideoBytes()) {
                throw ConversionFailures.tooLargeAfterConversion("video", Files.size(video), limits.maxVideoBytes());
            }
            byte[] thumbnail = thumbnails.jpeg(video == null ? file : video, MediaInput.VIDEO.as(sent), Math.min(1, sent.seconds() / 3),
                    scratch);
            MediaFacts facts = MediaFacts.video((int) Math.max(1, Math.round(sent.seconds())), sent.shownWidth(),
                    sent.shownHeight(), thumbnail, gif);
            return new ConvertedMedia(video, video == null ? null : MP4, facts);
        } catch (IOException unreadable) {
            ScratchSpace.delete(video);
            throw new UncheckedIOException(unreadable);
        } catch (RuntimeException failed) {
            ScratchSpace.delete(video);
            throw failed;
        }
    }

    private void checked(MediaProbe.Probed given, boolean gif) {
        if (!given.hasPicture()) {
            throw ConversionFailures.unreadable("it holds no picture (or one of more than " + limits.maxVideoPixels() + " pixels)");
        }
        if ((long) given.width() * given.height() > limits.maxVideoPixels()) {
            throw ConversionFailures.tooManyPixels(given.width(), given.height(), limits.maxVideoPixels());
        }
        if (given.seconds() > limits.maxVideoSeconds()) {
            throw ConversionFailures.tooLong(gif ? "GIF" : "video", given.seconds(), limits.maxVideoSeconds());
        }
    }

    /** What every app plays: H.264 in 4:2:0 with AAC audio (or none). */
    private static boolean plays(MediaProbe.Probed given) {
        return given.container().startsWith("mov,mp4") && "h264".equals(given.videoCodec())
                && ("yuv420p".equals(given.pixelFormat()) || "yuvj420p".equals(given.pixelFormat()))
                && (given.audioCodec() == null || PLAYABLE_AUDIO.contains(given.audioCodec()));
    }

    private static boolean isMp4(MediaProbe.Probed given) {
        return MP4_BRANDS.contains(given.brand());
    }

    /** H.264/AAC from a MOV into an MP4, the streams copied as they are. */
    private Path rewrapped(Path file, MediaInput input, ScratchSpace scratch) {
        return written(scratch, video -> {
            List<String> arguments = new ArrayList<>(input.reading(file));
            arguments.addAll(List.of("-map", "0:v:0", "-map", "0:a:0?", "-c", "copy", "-movflags", "+faststart", "-f", "mp4",
                    "-y", video.toString()));
            return arguments;
        });
    }

    private Path encoded(Path file, MediaInput input, boolean gif, int side, ScratchSpace scratch) {
        String fit = ("scale='trunc(min(%1$d,iw*min(1,%1$d/max(iw,ih)))/2)*2':'trunc(min(%1$d,ih*min(1,%1$d/max(iw,ih)))/2)*2',"
                + "format=yuv420p").formatted(side);
        return written(scratch, video -> {
            List<String> arguments = new ArrayList<>(List.of("-max_pixels", String.valueOf(limits.maxVideoPixels())));
            arguments.addAll(input.reading(file));
            arguments.addAll(List.of("-map", "0:v:0"));
            if (gif) {
                arguments.add("-an");
            } else {
                arguments.addAll(List.of("-map", "0:a:0?", "-c:a", "aac", "-b:a", "128k", "-ac", "2"));
            }
            arguments.addAll(List.of("-vf", fit, "-c:v", "libx264", "-preset", "veryfast", "-crf", "23",
                    "-profile:v", "high", "-t", String.valueOf(limits.maxVideoSeconds()), "-fs", String.valueOf(limits.maxVideoBytes() + 1),
                    "-movflags", "+faststart",
                    "-f", "mp4", "-y", video.toString()));
            return arguments;
        }, limits.videoTimeout());
    }

    private interface Command {
        List<String> writing(Path output);
    }

    private Path written(ScratchSpace scratch, Command command) {
        return written(scratch, command, limits.timeout());
    }

    private Path written(ScratchSpace scratch, Command command, Duration timeout) {
        return scratch.filled(video -> ffmpeg.run("ffmpeg", command.writing(video), null, scratch, timeout));
    }
}
