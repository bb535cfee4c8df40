package io.kubezap.session.media.conversion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tells an animated WebP from its extended header ({@code VP8X} with the animation flag) and reads its canvas. */
final class AnimatedWebp {

    private static final int HEADER = 30;
    private static final int ANIMATION_FLAG = 0x02;

    private AnimatedWebp() {
    }

    record Canvas(int width, int height) {
    }

    /** The canvas of an animated WebP, or null when the file is anything else. */
    static Canvas canvasOf(Path file) throws IOException {
        byte[] header;
        try (InputStream in = Files.newInputStream(file)) {
            header = in.readNBytes(HEADER);
        }
        if (header.length < HEADER || !ascii(header, 0, "RIFF") || !ascii(header, 8, "WEBP") || !ascii(header, 12, "VP8X")
                || (header[20] & ANIMATION_FLAG) == 0) {
            return null;
        }
        return new Canvas(uint24(header, 24) + 1, uint24(header, 27) + 1);
    }

    private static boolean ascii(byte[] bytes, int at, String expected) {
        for (int i = 0; i < expected.length(); i++) {
            if (bytes[at + i] != expected.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int uint24(byte[] bytes, int at) {
        return (bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8 | (bytes[at + 2] & 0xff) << 16;
    }
}
