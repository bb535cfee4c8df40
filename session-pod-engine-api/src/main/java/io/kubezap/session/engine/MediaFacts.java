package io.kubezap.session.engine;

/**
 * What WhatsApp's apps read from a media message besides the file, computed by the pod from the file it sends
 * ({@code media.conversion}) or read from a received message: a voice note's or video's length in whole seconds and a
 * voice note's waveform (64 samples, 0–100), an image's, video's or sticker's dimensions, an image's or video's JPEG
 * thumbnail, whether a sticker is animated, and whether a video plays as a GIF ({@code gifPlayback}: looping, muted).
 * Any of them may be null: unknown (a received message without it, or a send queued before the pod computed them).
 */
public record MediaFacts(Integer seconds, byte[] waveform, Integer width, Integer height, byte[] thumbnail, Boolean animated,
                         Boolean gifPlayback) {

    public static final MediaFacts NONE = new MediaFacts(null, null, null, null, null, null, null);

    public static MediaFacts voice(int seconds, byte[] waveform) {
        return new MediaFacts(seconds, waveform, null, null, null, null, null);
    }

    public static MediaFacts image(int width, int height, byte[] thumbnail) {
        return new MediaFacts(null, null, width, height, thumbnail, null, null);
    }

    public static MediaFacts sticker(int width, int height, boolean animated) {
        return new MediaFacts(null, null, width, height, null, animated, null);
    }

    public static MediaFacts video(int seconds, int width, int height, byte[] thumbnail, boolean gifPlayback) {
        return new MediaFacts(seconds, null, width, height, thumbnail, null, gifPlayback ? Boolean.TRUE : null);
    }
}
