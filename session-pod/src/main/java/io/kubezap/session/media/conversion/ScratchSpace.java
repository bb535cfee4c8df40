package io.kubezap.session.media.conversion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a conversion writes its files: the media store's staging area on the volume (never the heap). */
@FunctionalInterface
public interface ScratchSpace {

    /** A new empty file. */
    Path newFile() throws IOException;

    /** Removes a scratch file; one left behind goes with the staging area's sweep. */
    static void delete(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the staging area's sweep removes it
        }
    }
}
