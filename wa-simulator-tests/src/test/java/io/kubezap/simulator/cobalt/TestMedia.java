package io.kubezap.simulator.cobalt;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Files to send in tests: real images (Cobalt's builders read them), and arbitrary bytes for the other kinds. */
final class TestMedia {
    private TestMedia() {
    }

    static byte[] png(int width, int height) {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(new Color(new Random().nextInt()));
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(Color.WHITE);
        graphics.drawLine(0, 0, width, height);
        graphics.dispose();
        try (var output = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", output);
            return output.toByteArray();
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    /** Random bytes behind a recognisable header, so no two test files are alike. */
    static byte[] bytes(String header, int length) {
        var data = new byte[length];
        new Random().nextBytes(data);
        var prefix = header.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(prefix, 0, data, 0, Math.min(prefix.length, length));
        return data;
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException exception) {
            throw new IllegalStateException(exception);
        }
    }
}
