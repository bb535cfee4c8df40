package io.kubezap.simulator.phone;

import io.kubezap.simulator.media.MediaMessage;
import io.kubezap.simulator.media.Mp4Movie;
import io.kubezap.simulator.media.OggOpus;
import io.kubezap.simulator.media.WebpImage;
import io.kubezap.simulator.protobuf.ProtobufReader;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What WhatsApp's apps check of a media message before they show it as its kind, read from the decrypted file and the
 * message's own fields: a voice note is Ogg/Opus whose {@code seconds} match the audio (within a second) and carries a
 * 64-sample waveform; a sticker is a 512×512 WebP whose animation flag matches the file's; an image carries its true
 * dimensions and a JPEG thumbnail; a video carries its length, its size as shown and a JPEG thumbnail of the same
 * aspect, and one labelled {@code video/mp4} is an MP4 of H.264 with AAC sound (or none), what every app plays. Each
 * failed check is one problem; a real app shows such a message broken or as a plain file.
 */
public final class AppMediaChecks {

    private static final int WAVEFORM = 19;
    private static final int STICKER_ANIMATED = 13;
    private static final int JPEG_THUMBNAIL = 16;
    private static final int GIF_PLAYBACK = 8;
    /** How far a thumbnail's aspect may stray from the picture's (a few pixels of rounding at 72 px a side). */
    private static final double ASPECT_TOLERANCE = 0.06;
    private static final int WAVEFORM_SAMPLES = 64;
    private static final int STICKER_SIDE = 512;

    private AppMediaChecks() {
    }

    /**
     * What the phone's app made of a media message: the waveform's sample count (voice), the animation flag (sticker),
     * whether the thumbnail is a JPEG it decodes (image, video), the problems found.
     */
    public record Verdict(Integer waveformSamples, Boolean animated, Boolean thumbnailDecodable, List<String> problems,
                          Boolean gifPlayback) {

        Verdict(Integer waveformSamples, Boolean animated, Boolean thumbnailDecodable, List<String> problems) {
            this(waveformSamples, animated, thumbnailDecodable, problems, null);
        }
    }

    /** {@code message}: the decrypted {@code Message} protobuf holding {@code media}. */
    public static Verdict of(ReceivedMedia media, byte[] message) {
        var fields = message == null ? Optional.<ProtobufReader>empty()
                : MediaMessage.kindOf(ProtobufReader.read(message)).map(MediaMessage.Kind::fields);
        var problems = new ArrayList<String>();
        return switch (media.type()) {
            case VOICE -> voice(media, fields.flatMap(found -> found.bytes(WAVEFORM)).orElse(null), problems);
            case STICKER -> sticker(media, fields.flatMap(found -> found.bool(STICKER_ANIMATED)).orElse(false), problems);
            case IMAGE -> picture(media, fields.flatMap(found -> found.bytes(JPEG_THUMBNAIL)).orElse(null), problems);
            case VIDEO -> video(media, fields.flatMap(found -> found.bytes(JPEG_THUMBNAIL)).orElse(null),
                    fields.flatMap(found -> found.bool(GIF_PLAYBACK)).orElse(false), problems);
            case AUDIO, DOCUMENT -> new Verdict(null, null, null, List.of());
        };
    }

    private static Verdict voice(ReceivedMedia media, byte[] waveform, List<String> problems) {
        if (media.isAccepted()) {
            var why = new StringBuilder();
            OggOpus.read(media.data(), why).ifPresentOrElse(opus -> {
                if (media.seconds() == null) {
                    problems.add("no seconds: the app shows 0:00");
                } else if (Math.abs(media.seconds() - opus.seconds()) > 1) {
                    problems.add("seconds %d do not match the audio's %.1f s".formatted(media.seconds(), opus.seconds()));
                }
            }, () -> problems.add("a voice note must be Ogg/Opus: " + why));
        }
        if (waveform == null || waveform.length != WAVEFORM_SAMPLES) {
            problems.add("the waveform has " + (waveform == null ? 0 : waveform.length) + " samples, not 64");
        }
        return new Verdict(waveform == null ? 0 : waveform.length, null, null, List.copyOf(problems));
    }

    private static Verdict sticker(ReceivedMedia media, boolean flaggedAnimated, List<String> problems) {
        if (media.isAccepted()) {
            WebpImage.read(media.data()).ifPresentOrElse(webp -> {
                if (webp.width() != STICKER_SIDE || webp.height() != STICKER_SIDE) {
                    problems.add("a sticker must be 512×512, this one is " + webp.width() + "×" + webp.height());
                }
                if (webp.animated() != flaggedAnimated) {
                    problems.add("the message says animated=" + flaggedAnimated + " but the WebP is "
                            + (webp.animated() ? "animated" : "still"));
                }
                declaredSize(media, webp.width(), webp.height(), problems);
            }, () -> problems.add("a sticker must be a WebP"));
        }
        return new Verdict(null, flaggedAnimated, null, List.copyOf(problems));
    }

    private static Verdict picture(ReceivedMedia media, byte[] thumbnail, List<String> problems) {
        boolean decodable = thumbnail != null && isJpeg(thumbnail) && decoded(thumbnail) != null;
        if (!decodable) {
            problems.add(thumbnail == null ? "no thumbnail: the chat shows a blank box until the download"
                    : "the thumbnail is not a JPEG the app decodes");
        }
        if (media.width() == null || media.height() == null) {
            problems.add("no width/height: the chat cannot lay the picture out before the download");
        } else if (media.isAccepted() && media.type() == io.kubezap.simulator.media.MediaType.IMAGE) {
            BufferedImage image = decoded(media.data());
            if (image != null) {
                declaredSize(media, image.getWidth(), image.getHeight(), problems);
            }
        }
        return new Verdict(null, null, decodable, List.copyOf(problems));
    }

    private static Verdict video(ReceivedMedia media, byte[] thumbnail, boolean gifPlayback, List<String> problems) {
        Verdict picture = picture(media, thumbnail, problems);
        if (media.isAccepted()) {
            Mp4Movie.read(media.data()).ifPresentOrElse(movie -> {
                playsEverywhere(media, movie, problems);
                if (media.seconds() == null) {
                    problems.add("no seconds: the app shows 0:00");
                } else if (Math.abs(media.seconds() - movie.seconds()) > 1) {
                    problems.add("seconds %d do not match the video's %.1f s".formatted(media.seconds(), movie.seconds()));
                }
                declaredSize(media, movie.width(), movie.height(), problems);
                BufferedImage shown = thumbnail == null ? null : decoded(thumbnail);
                if (shown != null && !sameAspect(shown.getWidth(), shown.getHeight(), movie.width(), movie.height())) {
                    problems.add("the thumbnail is %d×%d, not the video's aspect %d×%d".formatted(shown.getWidth(),
                            shown.getHeight(), movie.width(), movie.height()));
                }
            }, () -> {
                if ("video/mp4".equals(baseType(media.mimeType()))) {
                    problems.add("labelled video/mp4 but not an MP4 the app can read");
                }
            });
        }
        return new Verdict(null, null, picture.thumbnailDecodable(), List.copyOf(problems), gifPlayback);
    }

    /** A file labelled {@code video/mp4} must be one every app plays: MP4, H.264 and AAC (or no sound). */
    private static void playsEverywhere(ReceivedMedia media, Mp4Movie movie, List<String> problems) {
        if (!"video/mp4".equals(baseType(media.mimeType()))) {
            return;
        }
        if (!movie.isMp4()) {
            problems.add("labelled video/mp4 but a QuickTime MOV");
        }
        if (!movie.videoCodec().equals("avc1") && !movie.videoCodec().equals("avc3")) {
            problems.add("the video is " + movie.videoCodec().strip() + ", not H.264: not every app plays it");
        }
        if (movie.audioCodec() != null && !movie.audioCodec().equals("mp4a")) {
            problems.add("the sound is " + movie.audioCodec().strip() + ", not AAC: not every app plays it");
        }
    }

    private static boolean sameAspect(int width, int height, int movieWidth, int movieHeight) {
        if (movieWidth <= 0 || movieHeight <= 0) {
            return false;
        }
        double expected = (double) movieWidth / movieHeight;
        return Math.abs((double) width / height - expected) / expected <= ASPECT_TOLERANCE;
    }

    private static String baseType(String mimeType) {
        return mimeType == null ? "" : mimeType.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static void declaredSize(ReceivedMedia media, int width, int height, List<String> problems) {
        if (media.width() != null && (media.width() != width || media.height() != height)) {
            problems.add("the message says %d×%d, the file is %d×%d".formatted(media.width(), media.height(), width, height));
        }
    }

    private static boolean isJpeg(byte[] bytes) {
        return bytes.length > 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8;
    }

    private static BufferedImage decoded(byte[] bytes) {
        try {
            return ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }
}
