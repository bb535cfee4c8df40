package io.kubezap.session.media.conversion;

import io.kubezap.session.engine.MediaFacts;

import java.nio.file.Path;

/**
 * A file as it will be sent: {@code file} is the converted file (a scratch file) or null when the file is sent as
 * given; {@code mimeType} is the converted file's type, or null when unchanged; {@code facts} what the apps read.
 */
public record ConvertedMedia(Path file, String mimeType, MediaFacts facts) {

    static ConvertedMedia unchanged(MediaFacts facts) {
        return new ConvertedMedia(null, null, facts);
    }

    /** The type to send the file with: the converted file's, else {@code given}. */
    public String mimeTypeOr(String given) {
        return mimeType != null ? mimeType : given;
    }

    public boolean converted() {
        return file != null;
    }
}
