package io.kubezap.session.media.conversion;

import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.testing.SampleMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Voice notes per CPU-second: a 30 s MP3 (stereo 44.1 kHz, 128 kbit/s, FFmpeg's sine) converted by the pod's own
 * {@link VoiceNotes} (probe, transcode to Ogg/Opus, probe, waveform), the CPU of the FFmpeg children read from the
 * kernel's account of reaped children ({@code /proc/self/stat} cutime + cstime), the JVM's own from its MXBean, and the
 * wall time a sender waits. Run with {@code -Dkubezap.bench=true}; docs/benchmarks.md, "Media conversion".
 */
@EnabledIfSystemProperty(named = "kubezap.bench", matches = "true")
class VoiceNoteBenchmarkTest {

    private static final int RUNS = 20;

    @TempDir
    Path dir;

    @Test
    void thirtySecondMp3sToOggOpus() throws IOException {
        Path mp3 = Files.write(dir.resolve("voice.mp3"),
                SampleMedia.tone("mp3", 30, "-ac", "2", "-ar", "44100", "-b:a", "128k"));
        MediaConversion conversion = MediaConversionTest.conversion(new ConversionLimits());
        conversion.convert(MediaKind.VOICE, mp3, this::scratch); // warm-up: class loading, first process start

        long[] wallMillis = new long[RUNS];
        double childrenBefore = childrenCpuSeconds();
        long jvmBefore = jvmCpuNanos();
        for (int run = 0; run < RUNS; run++) {
            long started = System.nanoTime();
            ConvertedMedia voice = conversion.convert(MediaKind.VOICE, mp3, this::scratch);
            wallMillis[run] = (System.nanoTime() - started) / 1_000_000;
            assertThat(voice.facts().seconds()).isEqualTo(30);
            Files.delete(voice.file());
        }
        double ffmpegCpu = childrenCpuSeconds() - childrenBefore;
        double jvmCpu = (jvmCpuNanos() - jvmBefore) / 1e9;
        Arrays.sort(wallMillis);
        System.out.printf("BENCH|media|voice notes (30 s MP3 -> Ogg/Opus) per CPU-second|%.1f|%n", RUNS / (ffmpegCpu + jvmCpu));
        System.out.printf("BENCH|media|CPU per voice note: FFmpeg children / pod JVM|%.3f s / %.3f s|%n",
                ffmpegCpu / RUNS, jvmCpu / RUNS);
        System.out.printf("BENCH|media|wall time per voice note, median / max of %d|%d ms / %d ms|%n",
                RUNS, wallMillis[RUNS / 2], wallMillis[RUNS - 1]);
    }

    private static double childrenCpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the command: state is field 3, so cutime (16) and cstime (17) are at 13 and 14
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private Path scratch() throws IOException {
        return Files.createTempFile(dir, "scratch-", ".part");
    }
}
