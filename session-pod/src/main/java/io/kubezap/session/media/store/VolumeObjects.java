package io.kubezap.session.media.store;

import org.apache.commons.io.input.BoundedInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Media files on the session's volume, {@code <root>/ab/<sha256>}: placed whole by rename (the temp file is on the
 * same file system); a file kept again is touched, so retention counts from its last arrival.
 */
public final class VolumeObjects implements MediaObjects {

    private final Supplier<Path> root;

    public VolumeObjects(Path root) {
        this(() -> root);
    }

    /** {@code root} read at each call: a host's sessions each keep their files on their own data directory. */
    public VolumeObjects(Supplier<Path> root) {
        this.root = root;
    }

    @Override
    public void put(String sha256, Path file) throws IOException {
        Path target = pathOf(sha256);
        Files.createDirectories(target.getParent());
        if (Files.isRegularFile(target)) {
            Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
        } else {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    @Override
    public Optional<StoredObject> find(String sha256) throws IOException {
        Path path = pathOf(sha256);
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return attributes.isRegularFile() ? Optional.of(objectOf(sha256, attributes)) : Optional.empty();
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream read(String sha256, long first, long length) throws IOException {
        FileChannel channel = FileChannel.open(pathOf(sha256));
        channel.position(first);
        return BoundedInputStream.builder().setInputStream(Channels.newInputStream(channel)).setMaxCount(length).get();
    }

    @Override
    public boolean delete(String sha256) throws IOException {
        return Files.deleteIfExists(pathOf(sha256));
    }

    @Override
    public List<StoredObject> list() throws IOException {
        List<StoredObject> objects = new ArrayList<>();
        if (!Files.isDirectory(root.get())) {
            return objects;
        }
        try (Stream<Path> dirs = Files.list(root.get())) {
            for (Path dir : (Iterable<Path>) dirs.filter(d -> d.getFileName().toString().matches("[0-9a-f]{2}"))::iterator) {
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
                        if (attributes.isRegularFile()) {
                            objects.add(objectOf(file.getFileName().toString(), attributes));
                        }
                    }
                }
            }
        }
        return objects;
    }

    @Override
    public Optional<URI> presignedUrl(String sha256, Duration expiry, String contentType, String contentDisposition) {
        return Optional.empty();
    }

    @Override
    public Path localFile(String sha256, Path scratch) {
        return pathOf(sha256);
    }

    @Override
    public boolean copiesToLocal() {
        return false;
    }

    private static StoredObject objectOf(String sha256, BasicFileAttributes attributes) {
        return new StoredObject(sha256, attributes.size(), attributes.lastModifiedTime().toInstant());
    }

    private Path pathOf(String sha256) {
        return root.get().resolve(sha256.substring(0, 2)).resolve(sha256);
    }
}
