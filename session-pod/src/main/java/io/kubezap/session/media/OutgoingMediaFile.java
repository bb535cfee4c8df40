package io.kubezap.session.media;

import io.kubezap.session.message.MediaInfo;

import java.nio.file.Path;

/** A queued media send's file, ready on disk, and its checked media block. */
public record OutgoingMediaFile(Path path, MediaInfo media) {
}
