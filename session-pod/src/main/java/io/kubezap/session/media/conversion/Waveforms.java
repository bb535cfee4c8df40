package io.kubezap.session.media.conversion;

import jakarta.inject.Singleton;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A voice note's waveform as WhatsApp's apps draw it: 64 samples, each the mean loudness of its 64th of the audio,
 * scaled so that the loudest is 100. The audio is decoded by FFmpeg to 4 kHz mono 16-bit samples in a scratch file
 * (32 KB per second), read once as a stream.
 */
@Singleton
public class Waveforms {

    static final int SAMPLES = 64;
    private static final int RATE = 4000;

    private final FfmpegRunner ffmpeg;

    public Waveforms(FfmpegRunner ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    public byte[] of(Path audio, MediaInput input, ScratchSpace scratch) {
        Path pcm = null;
        try {
            pcm = scratch.newFile();
            List<String> arguments = new ArrayList<>(input.reading(audio));
            arguments.addAll(List.of("-map", "0:a:0", "-ac", "1", "-ar", String.valueOf(RATE),
                    "-c:a", "pcm_s16be", "-f", "s16be", "-y", pcm.toString()));
            ffmpeg.read("ffmpeg", input, audio, arguments, null, scratch);
            return scaled(loudness(pcm, Files.size(pcm) / 2));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        } finally {
            ScratchSpace.delete(pcm);
        }
    }

    /** The mean absolute sample of each of the 64 parts of {@code samples} 16-bit big-endian samples. */
    private static double[] loudness(Path pcm, long samples) throws IOException {
        double[] sums = new double[SAMPLES];
        long[] counts = new long[SAMPLES];
        try (InputStream in = new BufferedInputStream(Files.newInputStream(pcm), 64 * 1024)) {
            DataInputStream data = new DataInputStream(in);
            for (long i = 0; i < samples; i++) {
                int part = (int) (i * SAMPLES / samples);
                sums[part] += Math.abs(readSample(data));
                counts[part]++;
            }
        }
        double[] means = new double[SAMPLES];
        for (int part = 0; part < SAMPLES; part++) {
            means[part] = counts[part] == 0 ? 0 : sums[part] / counts[part];
        }
        return means;
    }

    private static int readSample(DataInputStream data) throws IOException {
        try {
            return data.readShort();
        } catch (EOFException truncated) {
            return 0;
        }
    }

    static byte[] scaled(double[] means) {
        double loudest = 0;
        for (double mean : means) {
            loudest = Math.max(loudest, mean);
        }
        byte[] waveform = new byte[means.length];
        for (int part = 0; part < means.length; part++) {
            waveform[part] = (byte) (loudest == 0 ? 0 : Math.floor(100 * means[part] / loudest));
        }
        return waveform;
    }
}
