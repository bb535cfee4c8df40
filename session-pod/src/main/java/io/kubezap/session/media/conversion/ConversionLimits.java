package io.kubezap.session.media.conversion;

import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * How far the pod goes for one file, so that a hostile one (a decompression bomb, an endless stream, a malformed
 * container) costs bounded time and memory: the time of one FFmpeg run, the length of a voice note or animated
 * sticker, the pixels of an image it reads, and WhatsApp's own size limits for stickers; for a video its length,
 * the pixels of its frames, the size of what re-encoding writes, and a longer time for that run.
 */
@Singleton
public class ConversionLimits {

    private final Duration timeout;
    private final long maxVoiceSeconds;
    private final long maxPixels;
    private final Duration videoTimeout;
    private final long maxVideoSeconds;
    private final long maxVideoPixels;
    private final long maxVideoBytes;

    public ConversionLimits() {
        this(Duration.ofSeconds(60), 30 * 60, 40_000_000L, Duration.ofMinutes(5), 10 * 60);
    }

    ConversionLimits(Duration timeout, long maxVoiceSeconds, long maxPixels) {
        this(timeout, maxVoiceSeconds, maxPixels, Duration.ofMinutes(5), 10 * 60);
    }

    ConversionLimits(Duration timeout, long maxVoiceSeconds, long maxPixels, Duration videoTimeout, long maxVideoSeconds) {
        this(timeout, maxVoiceSeconds, maxPixels, videoTimeout, maxVideoSeconds, 3840L * 2160, 64L * 1024 * 1024);
    }

    private ConversionLimits(Duration timeout, long maxVoiceSeconds, long maxPixels, Duration videoTimeout,
                             long maxVideoSeconds, long maxVideoPixels, long maxVideoBytes) {
        this.maxVideoPixels = maxVideoPixels;
        this.maxVideoBytes = maxVideoBytes;
        this.timeout = timeout;
        this.maxVoiceSeconds = maxVoiceSeconds;
        this.maxPixels = maxPixels;
        this.videoTimeout = videoTimeout;
        this.maxVideoSeconds = maxVideoSeconds;
    }

    /** The longest a video's re-encoding may take (5 minutes); then it is killed. */
    public Duration videoTimeout() {
        return videoTimeout;
    }

    /** The longest video accepted (10 minutes). */
    public long maxVideoSeconds() {
        return maxVideoSeconds;
    }

    /** These limits with other caps of a video's frame pixels and of what its re-encoding may write. */
    ConversionLimits withVideoCaps(long pixels, long bytes) {
        return new ConversionLimits(timeout, maxVoiceSeconds, maxPixels, videoTimeout, maxVideoSeconds, pixels, bytes);
    }

    /** The most pixels of a video's frame (3840×2160, a phone's 4K), told by ffprobe from the stream's header. */
    public long maxVideoPixels() {
        return maxVideoPixels;
    }

    /** A re-encoded video's longer side (1280, WhatsApp's HD); a smaller video is never scaled up. */
    public int maxVideoSide() {
        return 1280;
    }

    /** The largest video re-encoding may write (64 MiB, the pod's default limit of a video sent); it stops there. */
    public long maxVideoBytes() {
        return maxVideoBytes;
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
