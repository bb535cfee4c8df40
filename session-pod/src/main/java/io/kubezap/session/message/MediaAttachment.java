package io.kubezap.session.message;

import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.engine.MessageContent;

/**
 * The file of a media send: already in the media store ({@code info} has its hash), or still at {@code sourceUrl},
 * to be fetched when the message is sent.
 */
public record MediaAttachment(MediaKind kind, MediaInfo info, String sourceUrl) {

    /** What the message sends: the file as known so far (no hash or size before a URL's fetch). */
    public MessageContent.Media content() {
        return info.asContent(kind);
    }
}
