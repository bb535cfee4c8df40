package io.kubezap.simulator.media;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A WebP file's picture size and animation flag, as a viewer reads them from its first chunk: {@code VP8X} (extended:
 * canvas size, flags), {@code VP8 } (lossy key frame) or {@code VP8L} (lossless).
 */
public record WebpImage(int width, int height, boolean animated) {

    private static final int ANIMATION_FLAG = 0x02;

    public static Optional<WebpImage> read(byte[] file) {
        if (file.length < 30 || !fourCc(file, 0).equals("RIFF") || !fourCc(file, 8).equals("WEBP")) {
            return Optional.empty();
        }
        int data = 20;
        return switch (fourCc(file, 12)) {
            case "VP8X" -> Optional.of(new WebpImage(uint24(file, data + 4) + 1, uint24(file, data + 7) + 1,
                    (file[data] & ANIMATION_FLAG) != 0));
            case "VP8 " -> Optional.of(new WebpImage(uint16(file, data + 6) & 0x3fff, uint16(file, data + 8) & 0x3fff, false));
            case "VP8L" -> {
                int bits = (file[data + 1] & 0xff) | (file[data + 2] & 0xff) << 8 | (file[data + 3] & 0xff) << 16
                        | (file[data + 4] & 0xff) << 24;
                yield Optional.of(new WebpImage((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1, false));
            }
            default -> Optional.empty();
        };
    }

    private static String fourCc(byte[] file, int at) {
        return new String(file, at, 4, StandardCharsets.US_ASCII);
    }

    private static int uint16(byte[] file, int at) {
        return (file[at] & 0xff) | (file[at + 1] & 0xff) << 8;
    }

    private static int uint24(byte[] file, int at) {
        return uint16(file, at) | (file[at + 2] & 0xff) << 16;
    }
}
