package io.kubezap.session.media.conversion;

import io.kubezap.session.engine.MediaFacts;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A voice note as WhatsApp's apps play it: Ogg/Opus, with its length in seconds and its waveform. A file that is
 * already Ogg/Opus is sent as it is (no re-encoding); any other audio FFmpeg reads (MP3, M4A/AAC, WAV, Ogg/Vorbis,
 * WebM/Opus…) becomes mono 48 kHz Opus at 32 kbit/s in an Ogg container, as the apps record them.
 */
@Singleton
public class VoiceNotes {

    static final String OGG_OPUS = "audio/ogg; codecs=opus";

    private final FfmpegRunner ffmpeg;
    private final MediaProbe probe;
    private final Waveforms waveforms;
    private final ConversionLimits limits;

    public VoiceNotes(FfmpegRunner ffmpeg, MediaProbe probe, Waveforms waveforms, ConversionLimits limits) {
        this.ffmpeg = ffmpeg;
        this.probe = probe;
        this.waveforms = waveforms;
        this.limits = limits;
    }

    public ConvertedMedia convert(Path file, ScratchSpace scratch) {
        return convert(file, ConvertChoice.AS_NEEDED, scratch);
    }

    /** {@code choice}: ALWAYS re-encodes even Ogg/Opus; NEVER sends the file as given, with its seconds and waveform. */
    public ConvertedMedia convert(Path file, ConvertChoice choice, ScratchSpace scratch) {
        MediaProbe.Probed given = probe.probe(file, MediaInput.SOUND, scratch);
        if (!given.hasAudio()) {
            throw ConversionFailures.unreadable("it has no audio");
        }
        if (given.seconds() > limits.maxVoiceSeconds()) {
            throw ConversionFailures.tooLong("voice note", given.seconds(), limits.maxVoiceSeconds());
        }
        boolean oggOpus = given.container().equals("ogg") && "opus".equals(given.audioCodec());
        boolean asGiven = choice == ConvertChoice.NEVER || oggOpus && choice == ConvertChoice.AS_NEEDED;
        Path voice = asGiven ? file : transcoded(file, MediaInput.SOUND.as(given), scratch);
        try {
            MediaProbe.Probed played = asGiven ? given : probe.probe(voice, MediaInput.SOUND, scratch);
            if (played.seconds() <= 0) {
                throw ConversionFailures.unreadable("it holds no audio to play");
            }
            MediaFacts facts = MediaFacts.voice((int) Math.max(1, Math.round(played.seconds())),
                    waveforms.of(voice, MediaInput.SOUND.as(played), scratch));
            return new ConvertedMedia(asGiven ? null : voice, asGiven ? null : OGG_OPUS, facts);
        } catch (RuntimeException failed) {
            if (!asGiven) {
                ScratchSpace.delete(voice);
            }
            throw failed;
        }
    }

    private Path transcoded(Path file, MediaInput input, ScratchSpace scratch) {
        return scratch.filled(voice -> {
            List<String> arguments = new ArrayList<>(input.reading(file));
            arguments.addAll(List.of("-map", "0:a:0", "-vn", "-ac", "1", "-ar", "48000", "-c:a", "libopus", "-b:a", "32k",
                    "-application", "voip", "-t", String.valueOf(limits.maxVoiceSeconds()), "-f", "ogg", "-y", voice.toString()));
            ffmpeg.read("ffmpeg", input, file, arguments, null, scratch);
        });
    }
}
