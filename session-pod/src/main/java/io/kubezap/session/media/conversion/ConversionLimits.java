package io.kubezap.session.media.conversion;

import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * How far the pod goes for one file, so that a hostile one (a decompression bomb, an endless stream, a malformed
 * container) costs bounded time and memory: the time of one FFmpeg run, the length of a voice note or animated
 * sticker, the pixels of an image it reads, and WhatsApp's own size limits for stickers.
 */
@Singleton
public class ConversionLimits {

    private final Duration timeout;
    private final long maxVoiceSeconds;
    private final long maxPixels;

    public ConversionLimits() {
        this(Duration.ofSeconds(60), 30 * 60, 40_000_000L);
    }

    ConversionLimits(Duration timeout, long maxVoiceSeconds, long maxPixels) {
        this.timeout = timeout;
        this.maxVoiceSeconds = maxVoiceSeconds;
        this.maxPixels = maxPixels;
    }

    /** The longest one FFmpeg or ffprobe run may take; then it is killed. */
    public Duration timeout() {
        return timeout;
    }

    /** The longest voice note accepted (30 minutes). */
    public long maxVoiceSeconds() {
        return maxVoiceSeconds;
    }

    /** The most pixels of an image or a sticker's frame read (40 megapixels), told from its header before decoding. */
    public long maxPixels() {
        return maxPixels;
    }

    /** WhatsApp's apps: an animated sticker plays at most 10 s. */
    public long maxAnimatedStickerSeconds() {
        return 10;
    }

    /** WhatsApp's apps take a static sticker of at most 100 KiB. */
    public long maxStaticStickerBytes() {
        return 100 * 1024;
    }

    /** WhatsApp's apps take an animated sticker of at most 500 KiB. */
    public long maxAnimatedStickerBytes() {
        return 500 * 1024;
    }
}
