package io.kubezap.simulator.media;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * An Ogg/Opus file as a player reads it (RFC 7845): Ogg pages ({@code OggS}), the first packet an {@code OpusHead}
 * (channel count, pre-skip), and the length from the last page's granule position (48 kHz samples) less the pre-skip.
 */
public record OggOpus(int channels, double seconds) {

    private static final int PAGE_HEADER = 27;
    private static final int OPUS_RATE = 48_000;

    /** The file's Opus stream, or empty with {@code why} filled when it is not Ogg/Opus. */
    public static Optional<OggOpus> read(byte[] file, StringBuilder why) {
        if (file.length < PAGE_HEADER || !capture(file, 0)) {
            why.append("not an Ogg container (no OggS page)");
            return Optional.empty();
        }
        int segments = file[26] & 0xff;
        int firstPacket = PAGE_HEADER + segments;
        if (file.length < firstPacket + 19 || !"OpusHead".equals(new String(file, firstPacket, 8, StandardCharsets.US_ASCII))) {
            why.append("the Ogg stream is not Opus (no OpusHead)");
            return Optional.empty();
        }
        int channels = file[firstPacket + 9] & 0xff;
        int preSkip = (file[firstPacket + 10] & 0xff) | (file[firstPacket + 11] & 0xff) << 8;
        long granule = lastGranule(file);
        return Optional.of(new OggOpus(channels, Math.max(0, granule - preSkip) / (double) OPUS_RATE));
    }

    private static long lastGranule(byte[] file) {
        long granule = 0;
        int page = 0;
        while (page + PAGE_HEADER <= file.length && capture(file, page)) {
            long position = 0;
            for (int i = 7; i >= 0; i--) {
                position = position << 8 | (file[page + 6 + i] & 0xff);
            }
            if (position != -1) {
                granule = position;
            }
            int segments = file[page + 26] & 0xff;
            int body = 0;
            for (int i = 0; i < segments && page + PAGE_HEADER + i < file.length; i++) {
                body += file[page + PAGE_HEADER + i] & 0xff;
            }
            page += PAGE_HEADER + segments + body;
        }
        return granule;
    }

    private static boolean capture(byte[] file, int at) {
        return file.length >= at + 4 && file[at] == 'O' && file[at + 1] == 'g' && file[at + 2] == 'g' && file[at + 3] == 'S';
    }
}
