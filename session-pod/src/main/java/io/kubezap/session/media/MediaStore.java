package io.kubezap.session.media;

import io.kubezap.session.config.SessionSettings;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Media files on the session's volume, content-addressed ({@code media/ab/<sha256>}): a file sent or received twice
 * is kept once, and a name is its checksum. Files arrive through a temporary file and appear whole, by rename.
 */
@Singleton
public class MediaStore {

    private static final int BUFFER = 64 * 1024;

    private final Path root;

    @Inject
    public MediaStore(SessionSettings settings) {
        this(settings.dataDir().resolve("media"));
    }

    MediaStore(Path root) {
        this.root = root;
    }

    /** A file in the store: its SHA-256 (hex), size and where it is. */
    public record StoredFile(String sha256, long size, Path path) {
    }

    /** Copies {@code content} into the store, refusing it as soon as it passes {@code maxBytes}. */
    public StoredFile ingest(InputStream content, long maxBytes) throws IOException {
        Path temp = newTempFile();
        try {
            MessageDigest digest = sha256();
            long size;
            try (var in = new DigestInputStream(content, digest); var out = Files.newOutputStream(temp)) {
                size = copy(in, out, maxBytes);
            }
            return place(temp, HexFormat.of().formatHex(digest.digest()), size);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Puts a file written in the store's temp area into place, by rename, once its hash is checked against
     * {@code expectedSha256} (when given); a file that does not match never enters the store.
     */
    public StoredFile adopt(Path temp, String expectedSha256) throws IOException {
        try {
            MessageDigest digest = sha256();
            long size;
            try (var in = new DigestInputStream(Files.newInputStream(temp), digest)) {
                size = copy(in, OutputStream.nullOutputStream(), Long.MAX_VALUE);
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(sha256)) {
                throw new IOException("the file's SHA-256 is " + sha256 + ", the message says " + expectedSha256);
            }
            return place(temp, sha256, size);
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

    public Optional<Path> find(String sha256) {
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            return Optional.empty();
        }
        Path path = pathOf(sha256);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    /** The bytes of every file in the store. */
    public long bytes() throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    /** Removes a file no message names any more; true when it was there. */
    public boolean delete(String sha256) throws IOException {
        Optional<Path> file = find(sha256);
        return file.isPresent() && Files.deleteIfExists(file.get());
    }

    /** A new empty file in the store's temp area (same file system, so placing it is a rename). */
    public Path newTempFile() throws IOException {
        Path temp = root.resolve("tmp");
        Files.createDirectories(temp);
        return Files.createTempFile(temp, "incoming-", ".part");
    }

    Path root() {
        return root;
    }

    private StoredFile place(Path temp, String sha256, long size) throws IOException {
        Path target = pathOf(sha256);
        Files.createDirectories(target.getParent());
        if (Files.isRegularFile(target)) {
            Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
        } else {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
        return new StoredFile(sha256, size, target);
    }

    private Path pathOf(String sha256) {
        return root.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new UncheckedIOException(new IOException(impossible));
        }
    }
}
