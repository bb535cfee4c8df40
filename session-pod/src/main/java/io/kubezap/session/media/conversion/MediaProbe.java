package io.kubezap.session.media.conversion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What ffprobe reads from a file: its container, first streams, duration and dimensions (ffprobe decodes a first frame
 * where the header does not tell, hence the same pixel limit as every decode).
 */
@Singleton
public class MediaProbe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FfmpegRunner ffmpeg;
    private final ConversionLimits limits;

    public MediaProbe(FfmpegRunner ffmpeg, ConversionLimits limits) {
        this.ffmpeg = ffmpeg;
        this.limits = limits;
    }

    /**
     * The file's container ({@code ogg}, {@code png_pipe}…, with its {@code brand} for the ISO family: {@code qt} a
     * QuickTime MOV, {@code isom} an MP4), its first audio and video streams (the picture's pixel format, and its
     * rotation in degrees as a phone's camera records it), and its length.
     */
    public record Probed(String container, String brand, String audioCodec, String videoCodec, String pixelFormat,
                         int width, int height, int rotation, double seconds, long videoPackets) {

        boolean hasAudio() {
            return audioCodec != null;
        }

        boolean hasPicture() {
            return videoCodec != null && width > 0 && height > 0;
        }

        /** The picture's width as a player shows it: a quarter turn swaps width and height. */
        int shownWidth() {
            return quarterTurned() ? height : width;
        }

        int shownHeight() {
            return quarterTurned() ? width : height;
        }

        private boolean quarterTurned() {
            return Math.abs(rotation) % 180 == 90;
        }
    }

    /** What {@code file} holds, read as {@code input} allows. */
    public Probed probe(Path file, MediaInput input, ScratchSpace scratch) {
        return probe(file, false, input, scratch);
    }

    /** {@code countFrames}: also count the picture's packets (demuxing the whole file) to tell animations apart. */
    public Probed probe(Path file, boolean countFrames, MediaInput input, ScratchSpace scratch) {
        Path answer = null;
        try {
            answer = scratch.newFile();
            List<String> arguments = new ArrayList<>(List.of("-max_pixels", String.valueOf(limits.maxPixels()),
                    "-print_format", "json", "-show_entries",
                    "format=format_name,duration:format_tags=major_brand"
                            + ":stream=codec_type,codec_name,pix_fmt,width,height,nb_read_packets:stream_side_data=rotation"));
            if (countFrames) {
                arguments.add("-count_packets");
            }
            arguments.addAll(input.reading(file));
            ffmpeg.read("ffprobe", input, file, arguments, answer, scratch);
            return read(JSON.readTree(answer.toFile()));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        } finally {
            ScratchSpace.delete(answer);
        }
    }

    private static Probed read(JsonNode answer) {
        JsonNode audio = firstStream(answer, "audio");
        JsonNode video = firstStream(answer, "video");
        JsonNode format = answer.path("format");
        return new Probed(format.path("format_name").asText(""), format.path("tags").path("major_brand").asText("").strip(),
                audio == null ? null : audio.path("codec_name").asText(null),
                video == null ? null : video.path("codec_name").asText(null),
                video == null ? null : video.path("pix_fmt").asText(null),
                video == null ? 0 : video.path("width").asInt(0),
                video == null ? 0 : video.path("height").asInt(0),
                video == null ? 0 : rotation(video),
                format.path("duration").asDouble(0),
                video == null ? 0 : video.path("nb_read_packets").asLong(0));
    }

    private static int rotation(JsonNode video) {
        for (JsonNode sideData : video.path("side_data_list")) {
            if (sideData.has("rotation")) {
                return sideData.path("rotation").asInt(0);
            }
        }
        return 0;
    }

    private static JsonNode firstStream(JsonNode answer, String type) {
        for (JsonNode stream : answer.path("streams")) {
            if (type.equals(stream.path("codec_type").asText())) {
                return stream;
            }
        }
        return null;
    }
}
