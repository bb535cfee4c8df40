package io.kubezap.session.media.conversion;

import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The sound of a voice note, audio file or video in a form other tools take (a speech-to-text service, a player
 * without Opus): MP3 (mono, LAME VBR quality 4) or WAV (mono 16 kHz 16-bit PCM, what speech-to-text services
 * expect). At most as long as the longest voice note; one FFmpeg run under the usual time limit.
 */
@Singleton
public class AudioExtracts {

    /** A form the API serves ({@code GET …/media?format=}). */
    public enum Format {
        MP3("audio/mpeg", "mp3", List.of("-ac", "1", "-c:a", "libmp3lame", "-q:a", "4", "-f", "mp3")),
        WAV("audio/wav", "wav", List.of("-ac", "1", "-ar", "16000", "-c:a", "pcm_s16le", "-f", "wav"));

        private final String mimeType;
        private final String extension;
        private final List<String> encoding;

        Format(String mimeType, String extension, List<String> encoding) {
            this.mimeType = mimeType;
            this.extension = extension;
            this.encoding = encoding;
        }

        public String mimeType() {
            return mimeType;
        }

        public String extension() {
            return extension;
        }

        public static Optional<Format> named(String name) {
            for (Format format : values()) {
                if (format.extension.equals(name.toLowerCase(Locale.ROOT))) {
                    return Optional.of(format);
                }
            }
            return Optional.empty();
        }
    }

    private final FfmpegRunner ffmpeg;
    private final ConversionLimits limits;

    public AudioExtracts(FfmpegRunner ffmpeg, ConversionLimits limits) {
        this.ffmpeg = ffmpeg;
        this.limits = limits;
    }

    /**
     * The first audio stream of {@code file} (read as {@code input} allows) as {@code format}, in a new scratch file;
     * 422 when it has none, or is of none of the input's demuxers.
     */
    public Path extract(Path file, MediaInput input, Format format, ScratchSpace scratch) {
        return scratch.filled(audio -> {
            List<String> arguments = new ArrayList<>(input.reading(file));
            arguments.addAll(List.of("-map", "0:a:0", "-vn", "-t", String.valueOf(limits.maxVoiceSeconds())));
            arguments.addAll(format.encoding);
            arguments.addAll(List.of("-y", audio.toString()));
            ffmpeg.read("ffmpeg", input, file, arguments, null, scratch);
        });
    }
}
