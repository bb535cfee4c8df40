package io.kubezap.session.media;

import io.kubezap.session.engine.OutgoingMedia;
import io.kubezap.session.media.conversion.ScratchSpace;
import io.kubezap.session.message.MediaInfo;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A queued media send's file, ready on local disk, and its checked media block, with the standard copy of an HD photo
 * or video (else null); closing it drops a local copy and the standard copy.
 */
public record OutgoingMediaFile(MediaStore.LocalFile file, MediaInfo media, OutgoingMedia.StandardCopy standard)
        implements AutoCloseable {

    public OutgoingMediaFile(MediaStore.LocalFile file, MediaInfo media) {
        this(file, media, null);
    }

    OutgoingMediaFile withStandard(OutgoingMedia.StandardCopy copy) {
        return new OutgoingMediaFile(file, media, copy);
    }

    public Path path() {
        return file.path();
    }

    @Override
    public void close() {
        if (standard != null) {
            ScratchSpace.delete(standard.file());
        }
        try {
            file.close();
        } catch (IOException left) {
            Logger.getLogger(OutgoingMediaFile.class).warnf("A local copy of a sent file stays in the temp area until the"
                    + " retention sweep: %s", left.getMessage());
        }
    }
}
