package io.kubezap.session.media;

import io.kubezap.session.media.store.MediaObjects;
import io.kubezap.session.media.store.VolumeObjects;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The session's media files, content-addressed: a file sent or received twice is kept once, and a name is its
 * SHA-256. Files arrive through a temporary file on the volume ({@link MediaStaging}), are checked there, and only
 * then enter the {@link MediaObjects} store (the volume or S3), whole.
 */
@Singleton
public class MediaStore {

    private static final int BUFFER = 64 * 1024;
    /** Enough of a file for its type to be told from its bytes (Tika reads at most this much). */
    static final int HEAD = 64 * 1024;

    private final MediaObjects objects;
    private final MediaStaging staging;

    @Inject
    public MediaStore(MediaObjects objects, MediaStaging staging) {
        this.objects = objects;
        this.staging = staging;
    }

    /** A store on the volume at {@code root} (files in {@code root/ab/<sha256>}, arrivals in {@code root/tmp}). */
    static MediaStore onVolume(Path root) {
        return new MediaStore(new VolumeObjects(root), new MediaStaging(root.resolve("tmp")));
    }

    /** A file in the store: its SHA-256 (hex), size and its first bytes (for telling its type). */
    public record StoredFile(String sha256, long size, byte[] head) {
    }

    /** Copies {@code content} into the store, refusing it as soon as it passes {@code maxBytes}. */
    public StoredFile ingest(InputStream content, long maxBytes) throws IOException {
        return adopt(stage(content, maxBytes), null);
    }

    /**
     * Copies {@code content} into a new file of the temp area, refusing it as soon as it passes {@code maxBytes}; the
     * caller {@link #adopt}s or deletes it.
     */
    public Path stage(InputStream content, long maxBytes) throws IOException {
        Path temp = newTempFile();
        try (var out = Files.newOutputStream(temp)) {
            copy(content, out, maxBytes);
            return temp;
        } catch (IOException | RuntimeException failed) {
            Files.deleteIfExists(temp);
            throw failed;
        }
    }

    /** The first bytes of {@code file}, as much as telling its type needs. */
    public static byte[] headOf(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(HEAD);
        }
    }

    /**
     * Puts a file written in the store's temp area into the store once its hash is checked against
     * {@code expectedSha256} (when given); a file that does not match never enters the store.
     */
    public StoredFile adopt(Path temp, String expectedSha256) throws IOException {
        try {
            MessageDigest digest = sha256();
            HeadCapture head = new HeadCapture();
            long size;
            try (var in = new DigestInputStream(Files.newInputStream(temp), digest)) {
                size = copy(in, head, Long.MAX_VALUE);
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(sha256)) {
                throw new IOException("the file's SHA-256 is " + sha256 + ", the message says " + expectedSha256);
            }
            objects.put(sha256, temp);
            return new StoredFile(sha256, size, head.bytes());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static long copy(InputStream in, OutputStream out, long maxBytes) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long size = 0;
        for (int read; (read = in.read(buffer)) >= 0; ) {
            size += read;
            if (size > maxBytes) {
                throw new MediaTooLargeException(maxBytes);
            }
            out.write(buffer, 0, read);
        }
        return size;
    }

    /** The size of the file named {@code sha256}, when the store has it. */
    public Optional<Long> find(String sha256) {
        if (!isName(sha256)) {
            return Optional.empty();
        }
        try {
            return objects.find(sha256).map(MediaObjects.StoredObject::size);
        } catch (IOException unreachable) {
            throw new UncheckedIOException(unreachable);
        }
    }

    /** {@code length} bytes of a stored file from {@code first}. */
    public InputStream read(String sha256, long first, long length) throws IOException {
        return objects.read(sha256, first, length);
    }

    /** A short-lived URL of the file, where the store has them. */
    public Optional<URI> presignedUrl(String sha256, Duration expiry, String contentType, String disposition) {
        return objects.presignedUrl(sha256, expiry, contentType, disposition);
    }

    /** The bytes of every file in the store. */
    public long bytes() throws IOException {
        return objects.list().stream().mapToLong(MediaObjects.StoredObject::size).sum();
    }

    /** Every file in the store, for retention. */
    List<MediaObjects.StoredObject> list() throws IOException {
        return objects.list();
    }

    /** Removes a file no message names any more, and the forms derived from it ({@link DerivedMedia}); true when it was there. */
    public boolean delete(String sha256) throws IOException {
        if (!isName(sha256)) {
            return false;
        }
        for (String derived : DerivedMedia.namesOf(sha256)) {
            objects.delete(derived);
        }
        return objects.delete(sha256);
    }

    /** Puts a file of the temp area into the store under {@code name} (a derived form's, not its hash); its size. */
    long keepAs(String name, Path temp) throws IOException {
        try {
            long size = Files.size(temp);
            objects.put(name, temp);
            return size;
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A stored file as a local file for the engine to read; closing it removes a copy, never the volume's own file. */
    public LocalFile localFile(String sha256) throws IOException {
        Path scratch = objects.copiesToLocal() ? newTempFile() : null;
        try {
            return new LocalFile(objects.localFile(sha256, scratch), scratch);
        } catch (IOException | RuntimeException failed) {
            if (scratch != null) {
                Files.deleteIfExists(scratch);
            }
            throw failed;
        }
    }

    /** A stored file on local disk; {@code copy} (when not null) is deleted on close. */
    public record LocalFile(Path path, Path copy) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (copy != null) {
                Files.deleteIfExists(copy);
            }
        }
    }

    /** A new empty file in the temp area on the volume. */
    public Path newTempFile() throws IOException {
        return staging.newTempFile();
    }

    private static boolean isName(String sha256) {
        return sha256 != null && sha256.matches("[0-9a-f]{64}");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new UncheckedIOException(new IOException(impossible));
        }
    }

    /** Keeps the first {@link #HEAD} bytes written to it and drops the rest. */
    private static final class HeadCapture extends OutputStream {
        private final byte[] head = new byte[HEAD];
        private int length;

        @Override
        public void write(int b) {
            if (length < HEAD) {
                head[length++] = (byte) b;
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int count) {
            int kept = Math.min(count, HEAD - length);
            System.arraycopy(bytes, offset, head, length, kept);
            length += kept;
        }

        byte[] bytes() {
            return Arrays.copyOf(head, length);
        }
    }
}
