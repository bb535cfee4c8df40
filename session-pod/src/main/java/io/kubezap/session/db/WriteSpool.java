package io.kubezap.session.db;

import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Writes waiting for the database, on the session's volume: a file per write, named by its place in the order and its
 * kind ({@code 00000000000000000042.delivered}). A file is written beside its final name, forced to disk and moved into
 * place atomically, then the directory is forced too, so after a crash a write is either whole in the spool or not
 * there at all (a leftover {@code .tmp} is a write that was never kept, and is deleted).
 */
final class WriteSpool {

    private static final Logger LOG = Logger.getLogger(WriteSpool.class);
    private static final String TEMPORARY = ".tmp";
    private static final String UNREADABLE = ".unreadable";

    /** One spooled write: its place in the order, its kind's name and what the kind encoded. */
    record Entry(long sequence, String kind, Path file) {
        byte[] content() {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final Path directory;
    private final AtomicLong next = new AtomicLong();
    private volatile boolean prepared;

    WriteSpool(Path directory) {
        this.directory = directory;
    }

    /** Keeps a write on disk before this returns (written, forced, moved into place, the directory forced). */
    synchronized Entry append(String kind, byte[] content) throws IOException {
        prepare();
        long sequence = next.getAndIncrement();
        Path target = directory.resolve("%020d.%s".formatted(sequence, kind));
        Path temporary = directory.resolve(target.getFileName() + TEMPORARY);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory();
        return new Entry(sequence, kind, target);
    }

    /** What waits, oldest first; leftovers of interrupted appends are deleted. */
    synchronized List<Entry> pending() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(TEMPORARY)) {
                    Files.deleteIfExists(file);
                } else if (!name.endsWith(UNREADABLE)) {
                    entry(file).ifPresent(entries::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries.sort(Comparator.comparingLong(Entry::sequence));
        entries.stream().mapToLong(Entry::sequence).max().ifPresent(last -> next.set(Math.max(next.get(), last + 1)));
        return entries;
    }

    /** The write is recorded: its file goes (a delete lost to a crash only makes the next start record it again). */
    void remove(Entry entry) {
        try {
            Files.deleteIfExists(entry.file());
        } catch (IOException e) {
            LOG.warnf(e, "Could not remove %s, which is recorded; the next start records it again", entry.file());
        }
    }

    /** Keeps a file its kind cannot read beside the spool, for a person to look at, instead of losing it. */
    void setAside(Entry entry) {
        try {
            Files.move(entry.file(), entry.file().resolveSibling(entry.file().getFileName() + UNREADABLE));
        } catch (IOException e) {
            LOG.warnf(e, "Could not set %s aside", entry.file());
        }
    }

    private static Optional<Entry> entry(Path file) {
        String name = file.getFileName().toString();
        int dot = name.indexOf('.');
        try {
            return Optional.of(new Entry(Long.parseLong(name.substring(0, dot)), name.substring(dot + 1), file));
        } catch (RuntimeException notASpooledWrite) {
            LOG.warnf("Ignoring %s in the spool of writes awaiting the database: not a spooled write", file);
            return Optional.empty();
        }
    }

    private void prepare() throws IOException {
        if (!prepared) {
            Files.createDirectories(directory);
            pending();
            prepared = true;
        }
    }

    private void forceDirectory() throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}
