package io.kubezap.session.media.conversion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a conversion writes its files: the media store's staging area on the volume (never the heap). */
@FunctionalInterface
public interface ScratchSpace {

    /** A new empty file. */
    Path newFile() throws IOException;

    /** What writes a scratch file (an FFmpeg run naming it as its output). */
    @FunctionalInterface
    interface Writing {
        void into(Path file) throws IOException;
    }

    /** A new scratch file {@code writing} fills; removed when the writing fails, whatever the failure. */
    default Path filled(Writing writing) {
        Path file = null;
        try {
            file = newFile();
            writing.into(file);
            return file;
        } catch (IOException noScratch) {
            delete(file);
            throw new UncheckedIOException(noScratch);
        } catch (RuntimeException failed) {
            delete(file);
            throw failed;
        }
    }

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
