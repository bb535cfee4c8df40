package io.kubezap.session.preview;

import javax.imageio.ImageIO;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;

/** Small JPEGs made from a picture: a link preview's thumbnail, a profile picture. */
public final class Thumbnails {

    static final int MAX_SIDE = 192;

    private Thumbnails() {
    }

    /** The image scaled to fit {@value #MAX_SIDE} pixels a side, as JPEG; empty when it is no image ImageIO reads. */
    static Optional<byte[]> jpeg(byte[] image) throws IOException {
        BufferedImage source = ImageIO.read(new ByteArrayInputStream(image));
        if (source == null) {
            return Optional.empty();
        }
        double scale = Math.min(1.0, (double) MAX_SIDE / Math.max(source.getWidth(), source.getHeight()));
        return Optional.of(draw(source, scale));
    }

    /**
     * The image's centred square, scaled down to at most {@code side} pixels, as JPEG (how WhatsApp's clients make a
     * profile picture); empty when it is no image ImageIO reads.
     */
    public static Optional<byte[]> squareJpeg(byte[] image, int side) throws IOException {
        BufferedImage source = ImageIO.read(new ByteArrayInputStream(image));
        if (source == null) {
            return Optional.empty();
        }
        int square = Math.min(source.getWidth(), source.getHeight());
        int left = (source.getWidth() - square) / 2;
        int top = (source.getHeight() - square) / 2;
        return Optional.of(draw(source.getSubimage(left, top, square, square), Math.min(1.0, (double) side / square)));
    }

    private static byte[] draw(BufferedImage source, double scale) throws IOException {
        int scaledWidth = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int scaledHeight = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage small = new BufferedImage(scaledWidth, scaledHeight, BufferedImage.TYPE_INT_RGB);
        var graphics = small.createGraphics();
        try {
            graphics.drawImage(source.getScaledInstance(scaledWidth, scaledHeight,
                    Image.SCALE_SMOOTH), 0, 0, java.awt.Color.WHITE, null);
        } finally {
            graphics.dispose();
        }
        var out = new ByteArrayOutputStream();
        ImageIO.write(small, "jpg", out);
        return out.toByteArray();
    }
}
