package io.kubezap.session.media;

import io.kubezap.session.message.MediaInfo;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;

/** A queued media send's file, ready on local disk, and its checked media block; closing it drops a local copy. */
public record OutgoingMediaFile(MediaStore.LocalFile file, MediaInfo media) implements AutoCloseable {

    public Path path() {
        return file.path();
    }

    @Override
    public void close() {
        try {
            file.close();
        } catch (IOException left) {
            Logger.getLogger(OutgoingMediaFile.class).warnf("A local copy of a sent file stays in the temp area until the"
                    + " retention sweep: %s", left.getMessage());
        }
    }
}
