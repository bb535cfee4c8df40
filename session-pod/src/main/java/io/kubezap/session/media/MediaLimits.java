package io.kubezap.session.media;

import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.engine.MediaKind;
import jakarta.inject.Singleton;

/** The largest file accepted per media kind ({@code KUBEZAP_MEDIA_MAX_SIZE_*}). */
@Singleton
public class MediaLimits {

    private final SessionConfig.Media.MaxSize sizes;

    public MediaLimits(SessionConfig config) {
        this.sizes = config.media().maxSize();
    }

    public long maxBytes(MediaKind kind) {
        var size = switch (kind) {
            case IMAGE -> sizes.image();
            case VIDEO -> sizes.video();
            case AUDIO -> sizes.audio();
            case VOICE -> sizes.voice();
            case DOCUMENT -> sizes.document();
            case STICKER -> sizes.sticker();
        };
        return size.asLongValue();
    }
}
