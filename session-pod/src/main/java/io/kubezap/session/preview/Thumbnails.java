package io.kubezap.session.preview;

import javax.imageio.ImageIO;
import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Optional;

/** A preview's thumbnail: a small JPEG, as WhatsApp's clients attach to link previews. */
final class Thumbnails {

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
        int width = Math.max(1, (int) Math.round(source.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(source.getHeight() * scale));
        BufferedImage small = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var graphics = small.createGraphics();
        try {
            graphics.drawImage(source.getScaledInstance(width, height, Image.SCALE_SMOOTH), 0, 0, java.awt.Color.WHITE, null);
        } finally {
            graphics.dispose();
        }
        var out = new ByteArrayOutputStream();
        ImageIO.write(small, "jpg", out);
        return Optional.of(out.toByteArray());
    }
}
