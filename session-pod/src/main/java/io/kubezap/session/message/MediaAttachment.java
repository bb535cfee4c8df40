package io.kubezap.session.message;

import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.engine.MessageContent;

/**
 * The file of a media send: already in the media store ({@code info} has its hash), or still at {@code source}, to be
 * fetched (and converted) when the message is sent.
 */
public record MediaAttachment(MediaKind kind, MediaInfo info, MediaSource source) {

    /** What the message sends: the file as known so far (no hash or size before a URL's fetch). */
    public MessageContent.Media content() {
        return info.asContent(kind);
    }
}
