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

    /** The file's container ({@code ogg}, {@code png_pipe}…), its first audio and video streams, and its length. */
    public record Probed(String container, String audioCodec, String videoCodec, int width, int height, double seconds,
                         long videoPackets) {

        boolean hasAudio() {
            return audioCodec != null;
        }

        boolean hasPicture() {
            return videoCodec != null && width > 0 && height > 0;
        }
    }

    public Probed probe(Path file, ScratchSpace scratch) {
        return probe(file, false, scratch);
    }

    /** {@code countFrames}: also count the picture's packets (demuxing the whole file) to tell animations apart. */
    public Probed probe(Path file, boolean countFrames, ScratchSpace scratch) {
        Path answer = null;
        try {
            answer = scratch.newFile();
            List<String> arguments = new ArrayList<>(List.of("-max_pixels", String.valueOf(limits.maxPixels()),
                    "-print_format", "json", "-show_entries",
                    "format=format_name,duration:stream=codec_type,codec_name,width,height,nb_read_packets"));
            if (countFrames) {
                arguments.add("-count_packets");
            }
            arguments.add(file.toString());
            ffmpeg.run("ffprobe", arguments, answer, scratch);
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
        return new Probed(format.path("format_name").asText(""),
                audio == null ? null : audio.path("codec_name").asText(null),
                video == null ? null : video.path("codec_name").asText(null),
                video == null ? 0 : video.path("width").asInt(0),
                video == null ? 0 : video.path("height").asInt(0),
                format.path("duration").asDouble(0),
                video == null ? 0 : video.path("nb_read_packets").asLong(0));
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
