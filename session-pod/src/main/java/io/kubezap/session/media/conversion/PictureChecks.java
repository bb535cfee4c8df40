package io.kubezap.session.media.conversion;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * What every picture the pod reads must be: a picture, of no more pixels than {@link ConversionLimits#maxPixels()}.
 * The size is read from the header (Java's ImageIO readers of PNG, JPEG, GIF, BMP read only the header for it), so a
 * decompression bomb is refused with 413 before anything decodes it; FFmpeg runs with the same {@code -max_pixels} for
 * the formats ImageIO does not know.
 */
final class PictureChecks {

    private PictureChecks() {
    }

    static void readable(Path file, MediaProbe.Probed probed, ConversionLimits limits) {
        long[] header = headerSize(file);
        if (header != null) {
            refuseAbove(header[0], header[1], limits);
        }
        if (!probed.hasPicture()) {
            throw ConversionFailures.unreadable("it holds no picture (or one of more than " + limits.maxPixels() + " pixels)");
        }
        refuseAbove(probed.width(), probed.height(), limits);
    }

    private static void refuseAbove(long width, long height, ConversionLimits limits) {
        if (width * height > limits.maxPixels()) {
            throw ConversionFailures.tooManyPixels(width, height, limits.maxPixels());
        }
    }

    /** Width and height from the picture's header, or null when no ImageIO reader knows the format. */
    private static long[] headerSize(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new long[]{reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }
}
