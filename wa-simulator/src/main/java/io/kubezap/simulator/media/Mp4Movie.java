package io.kubezap.simulator.media;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a phone's player reads from an ISO base media file (MP4, QuickTime MOV) before it plays it, from its boxes
 * (ISO/IEC 14496-12): the {@code ftyp} major brand ({@code qt  } is a MOV), the movie's length ({@code mvhd}), and for
 * the first video and sound tracks their sample entry's codec ({@code stsd}: {@code avc1} H.264, {@code mp4a} AAC…) and
 * the picture's size as shown ({@code tkhd}, a quarter turn of its matrix swapping width and height).
 */
public record Mp4Movie(String brand, double seconds, String videoCodec, int width, int height, String audioCodec) {

    private static final int HEADER = 8;

    public static Optional<Mp4Movie> read(byte[] file) {
        try {
            var movie = new Builder();
            walk(ByteBuffer.wrap(file), 0, file.length, movie);
            return movie.brand == null || movie.videoCodec == null ? Optional.empty() : Optional.of(movie.build());
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    /** Whether the file is an MP4 (not a QuickTime MOV). */
    public boolean isMp4() {
        return !brand.equals("qt  ");
    }

    private static final class Builder {
        String brand;
        double seconds;
        String videoCodec;
        String audioCodec;
        int width;
        int height;
        // the track being read: its size as shown, until its handler says what it is
        int trackWidth;
        int trackHeight;
        String handler;

        Mp4Movie build() {
            return new Mp4Movie(brand, seconds, videoCodec, width, height, audioCodec);
        }
    }

    private static void walk(ByteBuffer file, int from, int to, Builder movie) {
        int at = from;
        while (at + HEADER <= to) {
            long size = Integer.toUnsignedLong(file.getInt(at));
            String type = fourCc(file, at + 4);
            int body = at + HEADER;
            if (size == 1) {
                size = file.getLong(body);
                body += 8;
            } else if (size == 0) {
                size = to - at;
            }
            if (size < HEADER || at + size > to) {
                return;
            }
            int end = (int) (at + size);
            box(file, type, body, end, movie);
            at = end;
        }
    }

    private static void box(ByteBuffer file, String type, int body, int end, Builder movie) {
        switch (type) {
            case "ftyp" -> movie.brand = fourCc(file, body);
            case "moov", "mdia", "minf", "stbl" -> walk(file, body, end, movie);
            case "trak" -> {
                movie.handler = null;
                walk(file, body, end, movie);
            }
            case "mvhd" -> {
                boolean wide = file.get(body) == 1;
                long timescale = Integer.toUnsignedLong(file.getInt(body + (wide ? 20 : 12)));
                long duration = wide ? file.getLong(body + 24) : Integer.toUnsignedLong(file.getInt(body + 16));
                movie.seconds = timescale == 0 ? 0 : (double) duration / timescale;
            }
            case "tkhd" -> tkhd(file, body, movie);
            case "hdlr" -> movie.handler = fourCc(file, body + 8);
            case "stsd" -> {
                String codec = fourCc(file, body + 8 + 4);
                if ("vide".equals(movie.handler) && movie.videoCodec == null) {
                    movie.videoCodec = codec;
                    movie.width = movie.trackWidth;
                    movie.height = movie.trackHeight;
                } else if ("soun".equals(movie.handler) && movie.audioCodec == null) {
                    movie.audioCodec = codec;
                }
            }
            default -> {
                // boxes a player does not need before it plays
            }
        }
    }

    private static void tkhd(ByteBuffer file, int body, Builder movie) {
        boolean wide = file.get(body) == 1;
        int matrix = body + 4 + (wide ? 32 : 20) + 16;
        int a = file.getInt(matrix);
        int d = file.getInt(matrix + 16);
        int width = file.getInt(matrix + 36) >>> 16;
        int height = file.getInt(matrix + 40) >>> 16;
        boolean quarterTurn = a == 0 && d == 0;
        movie.trackWidth = quarterTurn ? height : width;
        movie.trackHeight = quarterTurn ? width : height;
    }

    private static String fourCc(ByteBuffer file, int at) {
        byte[] code = new byte[4];
        file.get(at, code);
        return new String(code, StandardCharsets.ISO_8859_1);
    }
}
