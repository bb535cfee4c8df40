package io.kubezap.session.media.conversion;

import java.io.IOException;

/** {@code ffmpeg} or {@code ffprobe} could not be started: not installed where the pod runs (local mode, say). */
public class FfmpegMissingException extends RuntimeException {

    FfmpegMissingException(String tool, IOException cause) {
        super("could not run " + tool + ": " + cause.getMessage(), cause);
    }
}
