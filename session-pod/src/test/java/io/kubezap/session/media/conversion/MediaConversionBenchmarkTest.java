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
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conversions per CPU-second, by the pod's own {@link MediaConversion}: a 30 s MP3 voice note (stereo 44.1 kHz,
 * 128 kbit/s, FFmpeg's sine) to Ogg/Opus with seconds and waveform; a 30 s 720p video as a phone's MP4 (H.264/AAC:
 * probe and thumbnail only) and as a WebM (VP8/Vorbis: re-encoded to H.264/AAC MP4). The CPU of the FFmpeg children is
 * read from the kernel's account of reaped children ({@code /proc/self/stat} cutime + cstime), the JVM's own from its
 * MXBean; the wall time is what a sender waits for the {@code 202} beyond the upload. Run with
 * {@code -Dkubezap.bench=true}; docs/benchmarks/2026-11-25-media-conversion.md.
 */
@EnabledIfSystemProperty(named = "kubezap.bench", matches = "true")
class MediaConversionBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void thirtySecondMp3sToOggOpus() throws IOException {
        Path mp3 = Files.write(dir.resolve("voice.mp3"),
                SampleMedia.tone("mp3", 30, "-ac", "2", "-ar", "44100", "-b:a", "128k"));
        measure("voice notes (30 s MP3 -> Ogg/Opus)", MediaKind.VOICE, mp3, 20,
                voice -> assertThat(voice.facts().seconds()).isEqualTo(30));
    }

    @Test
    void thirtySecond720pVideos() throws IOException {
        Path mp4 = Files.write(dir.resolve("phone.mp4"), SampleMedia.video("mp4", 1280, 720, 30,
                "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac"));
        Path webm = Files.write(dir.resolve("clip.webm"), SampleMedia.video("webm", 1280, 720, 30,
                "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "2M", "-c:a", "libvorbis"));
        System.out.printf("BENCH|media|inputs: 30 s 720p H.264/AAC MP4 / VP8/Vorbis WebM|%d KiB / %d KiB|%n",
                Files.size(mp4) / 1024, Files.size(webm) / 1024);
        measure("videos (30 s 720p H.264 MP4, sent as is: probe + thumbnail)", MediaKind.VIDEO, mp4, 10,
                video -> assertThat(video.converted()).isFalse());
        measure("videos (30 s 720p WebM -> H.264/AAC MP4)", MediaKind.VIDEO, webm, 3, video -> {
            assertThat(video.facts().seconds()).isEqualTo(30);
            assertThat(video.facts().width()).isEqualTo(1280);
        });
    }

    private void measure(String what, MediaKind kind, Path file, int runs, Consumer<ConvertedMedia> check) throws IOException {
        MediaConversion conversion = MediaConversionTest.conversion(new ConversionLimits());
        discard(conversion.convert(kind, file, this::scratch)); // warm-up: class loading, first process start
        long[] wallMillis = new long[runs];
        double childrenBefore = childrenCpuSeconds();
        long jvmBefore = jvmCpuNanos();
        for (int run = 0; run < runs; run++) {
            long started = System.nanoTime();
            ConvertedMedia converted = conversion.convert(kind, file, this::scratch);
            wallMillis[run] = (System.nanoTime() - started) / 1_000_000;
            check.accept(converted);
            discard(converted);
        }
        double ffmpegCpu = childrenCpuSeconds() - childrenBefore;
        double jvmCpu = (jvmCpuNanos() - jvmBefore) / 1e9;
        Arrays.sort(wallMillis);
        System.out.printf("BENCH|media|%s per CPU-second|%.2f|%n", what, runs / (ffmpegCpu + jvmCpu));
        System.out.printf("BENCH|media|%s: CPU each, FFmpeg children / pod JVM|%.3f s / %.3f s|%n", what,
                ffmpegCpu / runs, jvmCpu / runs);
        System.out.printf("BENCH|media|%s: wall time, median / max of %d|%d ms / %d ms|%n", what,
                runs, wallMillis[runs / 2], wallMillis[runs - 1]);
        System.out.printf("BENCH|media|load average at the end|%s|%n", Files.readString(Path.of("/proc/loadavg")).strip());
    }

    private static void discard(ConvertedMedia converted) throws IOException {
        if (converted.converted()) {
            Files.delete(converted.file());
        }
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
