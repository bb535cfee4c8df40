package io.kubezap.session.testing;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Files whose first bytes are what their type's signature says (what content detection reads), padded with noise. */
public final class SampleFiles {

    private SampleFiles() {
    }

    public static byte[] png(int width, int height, long seed) {
        return image("png", width, height, seed);
    }

    public static byte[] jpeg(int width, int height, long seed) {
        return image("jpeg", width, height, seed);
    }

    private static byte[] image(String format, int width, int height, long seed) {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var random = new Random(seed);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)).getRGB());
            }
        }
        try (var out = new ByteArrayOutputStream()) {
            ImageIO.write(image, format, out);
            return out.toByteArray();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    /** An MP4 (ISO base media) file: an {@code ftyp} box, then noise. */
    public static byte[] mp4(int size, long seed) {
        byte[] head = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '2'};
        return withNoise(head, size, seed);
    }

    /** An MP3 with an ID3v2 tag header, then noise. */
    public static byte[] mp3(int size, long seed) {
        byte[] head = {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 0};
        return withNoise(head, size, seed);
    }

    public static byte[] pdf(int size, long seed) {
        return withNoise("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), size, seed);
    }

    /** A RIFF/WEBP container header, then noise. */
    public static byte[] webp(int size, long seed) {
        byte[] head = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' '};
        return withNoise(head, size, seed);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static byte[] withNoise(byte[] head, int size, long seed) {
        byte[] file = new byte[Math.max(size, head.length)];
        new Random(seed).nextBytes(file);
        System.arraycopy(head, 0, file, 0, head.length);
        return file;
    }
}
