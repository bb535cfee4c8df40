package io.kubezap.session.message;

import io.kubezap.session.engine.MediaKind;

/**
 * The file of a media send: already in the media store ({@code info} has its hash), or still at {@code sourceUrl},
 * to be fetched when the message is sent.
 */
public record MediaAttachment(MediaKind kind, MediaInfo info, String sourceUrl) {
}
