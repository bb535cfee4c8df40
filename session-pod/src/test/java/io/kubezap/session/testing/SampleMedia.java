package io.kubezap.session.testing;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Real media made where the test runs, nothing committed: tones and animations synthesised by FFmpeg (Debian's
 * {@code ffmpeg}, which the pod uses too), pictures drawn with Java's ImageIO, and hostile files written byte by byte.
 */
public final class SampleMedia {

    private SampleMedia() {
    }

    /** A 440 Hz sine of {@code seconds}, encoded by FFmpeg as {@code format} ({@code mp3}, {@code wav}, {@code ogg}…). */
    public static byte[] tone(String format, double seconds, String... codec) {
        List<String> arguments = new ArrayList<>(List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds));
        arguments.addAll(List.of(codec));
        return ffmpeg(format, arguments);
    }

    /** A voice note as the apps record it: Ogg/Opus, mono 48 kHz. */
    public static byte[] oggOpus(double seconds) {
        return tone("ogg", seconds, "-ac", "1", "-ar", "48000", "-c:a", "libopus");
    }

    /** A still 512×512 WebP of about 1 KB: a sticker as the apps want it. */
    public static byte[] stickerWebp() {
        return ffmpeg("webp", List.of("-f", "lavfi", "-i", "color=c=blue:s=512x512", "-frames:v", "1", "-c:v", "libwebp"));
    }

    /** An animated GIF of {@code frames} frames at 10 per second, 320×240. */
    public static byte[] animatedGif(int frames) {
        return ffmpeg("gif", List.of("-f", "lavfi", "-i", "testsrc=s=320x240:r=10", "-frames:v", String.valueOf(frames)));
    }

    /**
     * A test-pattern video with a tone, {@code width}×{@code height} at 25 frames a second, of {@code seconds}, as
     * {@code format} ({@code mp4}, {@code mov}, {@code webm}) with the {@code codec} arguments given (e.g. {@code -c:v
     * libx264 -c:a aac}).
     */
    public static byte[] video(String format, int width, int height, double seconds, String... codec) {
        List<String> arguments = new ArrayList<>(List.of("-f", "lavfi", "-i", "testsrc2=s=%dx%d:r=25:d=%s".formatted(width, height, seconds),
                "-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds));
        arguments.addAll(List.of(codec));
        return ffmpeg(format, arguments);
    }

    /** An H.264/AAC MP4, what every app plays. */
    public static byte[] mp4(int width, int height, double seconds) {
        return video("mp4", width, height, seconds, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac");
    }

    /** A small JPEG of a test pattern (a thumbnail, say). */
    public static byte[] jpeg(int width, int height) {
        return ffmpeg("mjpeg", List.of("-f", "lavfi", "-i", "testsrc2=s=%dx%d".formatted(width, height), "-frames:v", "1"));
    }

    /** A VP8/Vorbis WebM, which iPhones do not play. */
    public static byte[] webm(int width, int height, double seconds) {
        return video("webm", width, height, seconds, "-c:v", "libvpx", "-deadline", "realtime", "-c:a", "libvorbis");
    }

    /** An iPhone's photo: a HEIC (HEVC in HEIF) of a test pattern, made with libheif's heif-enc from a PNG. */
    public static byte[] heic(int width, int height) {
        Needs.command("heif-enc", "libheif-examples");
        byte[] png = ffmpeg("image2", List.of("-f", "lavfi", "-i", "testsrc2=s=%dx%d".formatted(width, height), "-frames:v", "1",
                "-c:v", "png"));
        try {
            Path source = Files.createTempFile("sample-", ".png");
            Path heic = Files.createTempFile("sample-", ".heic");
            try {
                Files.write(source, png);
                Process process = new ProcessBuilder("heif-enc", "-o", heic.toString(), source.toString()).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException("heif-enc could not make a sample");
                }
                return Files.readAllBytes(heic);
            } finally {
                Files.deleteIfExists(source);
                Files.deleteIfExists(heic);
            }
        } catch (IOException cannotRun) {
            throw new UncheckedIOException("heif-enc is needed by this test (Debian: apt-get install libheif-examples)", cannotRun);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** A PNG with an alpha channel: a red disc on a transparent background. */
    public static byte[] transparentPng(int width, int height) {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        var graphics = image.createGraphics();
        graphics.setColor(Color.RED);
        graphics.fillOval(0, 0, width, height);
        graphics.dispose();
        try (var out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    /**
     * A decompression bomb's shape: a PNG whose header claims {@code side}×{@code side} pixels (side 30,000: 900
     * megapixels, 3.6 GB decoded) in a file of a few hundred bytes, its data a deflated run of zeros cut short.
     */
    public static byte[] pngClaiming(int side) {
        var out = new ByteArrayOutputStream();
        out.writeBytes(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        var header = new ByteArrayOutputStream();
        writeInt(header, side);
        writeInt(header, side);
        header.writeBytes(new byte[]{8, 6, 0, 0, 0});
        chunk(out, "IHDR", header.toByteArray());
        var deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(new byte[1 << 16]);
        deflater.finish();
        byte[] zeros = new byte[4096];
        int length = deflater.deflate(zeros);
        chunk(out, "IDAT", java.util.Arrays.copyOf(zeros, length));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A PNG signature and header followed by noise: what a truncated or damaged upload looks like. */
    public static byte[] corruptPng() {
        byte[] file = SampleFiles.png(32, 32, 3);
        for (int i = 40; i < file.length; i++) {
            file[i] = (byte) (i * 31);
        }
        return file;
    }

    /** A voice note whose Ogg pages are damaged after its first 300 bytes (the OpusHead intact). */
    public static byte[] corruptOggOpus() {
        byte[] file = oggOpus(2);
        for (int i = 300; i < file.length; i++) {
            file[i] = (byte) (i * 31);
        }
        return file;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        writeInt(out, data.length);
        byte[] typeBytes = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        var crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        writeInt(out, (int) crc.getValue());
    }

    private static void writeInt(ByteArrayOutputStream out, int value) {
        out.writeBytes(new byte[]{(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value});
    }

    private static byte[] ffmpeg(String format, List<String> arguments) {
        Needs.command("ffmpeg", "ffmpeg");
        try {
            Path file = Files.createTempFile("sample-", "." + format);
            try {
                List<String> command = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-nostdin", "-y"));
                command.addAll(arguments);
                command.addAll(List.of("-f", format, file.toString()));
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                // generous: a 30 s 720p sample for the benchmark takes minutes on a loaded machine
                if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                    throw new IllegalStateException("ffmpeg could not make a sample: " + command);
                }
                return Files.readAllBytes(file);
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException cannotRun) {
            throw new UncheckedIOException("ffmpeg is needed by this test (Debian: apt-get install ffmpeg)", cannotRun);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
