package io.kubezap.session.media.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a session keeps its media files ({@code spec.media.store}): the session's volume or an S3-compatible object
 * store. A file is named by its SHA-256 (hex), written once whole from a checked local file, and read in ranges.
 */
public interface MediaObjects {

    /** A kept file: its name (SHA-256), size and when it was last written. */
    record StoredObject(String sha256, long size, Instant modified) {
    }

    /** Keeps {@code file} (whose hash is checked) as {@code sha256}; the caller deletes {@code file} afterwards, if it is still there. */
    void put(String sha256, Path file) throws IOException;

    Optional<StoredObject> find(String sha256) throws IOException;

    /** {@code length} bytes of the file from {@code first}. */
    InputStream read(String sha256, long first, long length) throws IOException;

    /** True when it was there. */
    boolean delete(String sha256) throws IOException;

    /** Every kept file (for retention and the storage quota). */
    List<StoredObject> list() throws IOException;

    /**
     * A URL that gives the file to whoever holds it, for {@code expiry}, with these response headers; empty when the
     * store has no such URLs (the volume).
     */
    Optional<URI> presignedUrl(String sha256, Duration expiry, String contentType, String contentDisposition);

    /** The file as a local file the engine can read: the volume's own, or a copy written into {@code scratch}. */
    Path localFile(String sha256, Path scratch) throws IOException;

    /** Whether {@link #localFile} hands out a copy the caller must delete. */
    boolean copiesToLocal();
}
