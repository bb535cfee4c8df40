package io.kubezap.cobalt.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A file that a crash cannot leave unreadable, with its previous generation beside it ({@code .<name>.previous}:
 * hidden, because Cobalt loads every file of a session directory whose name starts with {@code chat_} as a chat).
 *
 * <p>A write goes to a temporary file in the target's own directory, is forced to disk, the current file becomes the
 * previous one by a hard link renamed over it, the new file is renamed over the current one, and the directory is
 * forced: at every instant the target exists and holds a whole generation, after a kill or a power loss alike.
 * Writes to one file are serialized, so the last write to finish is the last one asked for.
 *
 * <p>A read that cannot decode the current generation decodes the previous one, puts that back in place, keeps the
 * unreadable bytes as {@code .<name>.unreadable} for inspection and records a {@link FileRecovery}.
 *
 * <p>Under a directory with a {@link FileSeals seal}, what is written is sealed and what is read is opened: every
 * generation on disk is sealed, and a generation that does not open is unreadable like a torn one.
 */
public final class DurableFile {

    public static final String PREVIOUS = ".previous";
    public static final String UNREADABLE = ".unreadable";

    private static final ConcurrentMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private DurableFile() {
    }

    /** Writes what {@code encoding} returns, encoded while the file's lock is held (so a later call encodes later). */
    public static void write(Path target, Supplier<byte[]> encoding) throws IOException {
        var lock = lockOf(target);
        lock.lock();
        try {
            replace(target, FileSeals.of(target).seal(encoding.get()));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Decodes the current generation, or else the previous one (then restored as current and recorded).
     *
     * @throws IOException when the file cannot be read at all, or neither generation decodes
     */
    public static <T> T read(Path target, Function<byte[], T> decoder) throws IOException {
        var lock = lockOf(target);
        lock.lock();
        try {
            return readLocked(target, decoder);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Replaces the bytes on disk of {@code file} (any generation) by what {@code change} makes of them, as they are,
     * unsealed and unopened, under the lock of the file it is a generation of; nothing is written when they stay the same.
     */
    public static void rewrite(Path file, Path of, UnaryOperator<byte[]> change) throws IOException {
        var lock = lockOf(of);
        lock.lock();
        try {
            var bytes = Files.readAllBytes(file);
            var changed = change.apply(bytes);
            if (!Arrays.equals(bytes, changed)) {
                replaceOnly(file, changed);
            }
        } finally {
            lock.unlock();
        }
    }

    private static <T> T readLocked(Path target, Function<byte[], T> decoder) throws IOException {
        var current = Files.readAllBytes(target);
        var seal = FileSeals.of(target);
        try {
            return decoder.apply(seal.open(current));
        } catch (RuntimeException unreadable) {
            return fromPrevious(target, opened(seal, decoder), unreadable);
        }
    }

    /** Opens, then decodes; a key not at hand is no reason to take the file for unreadable, and fails the read. */
    private static <T> Function<byte[], T> opened(FileSeal seal, Function<byte[], T> decoder) {
        return bytes -> {
            try {
                return decoder.apply(seal.open(bytes));
            } catch (IOException keyNotAtHand) {
                throw new KeyNotAtHand(keyNotAtHand);
            }
        };
    }

    private static final class KeyNotAtHand extends RuntimeException {
        KeyNotAtHand(IOException cause) {
            super(cause);
        }
    }

    private static <T> T fromPrevious(Path target, Function<byte[], T> decoder, RuntimeException cause) throws IOException {
        var previous = readPrevious(target);
        Optional<T> decoded;
        try {
            decoded = previous.flatMap(bytes -> decodeQuietly(decoder, bytes));
        } catch (KeyNotAtHand keyNotAtHand) {
            throw (IOException) keyNotAtHand.getCause();
        }
        var kept = sibling(target, UNREADABLE);
        Files.move(target, kept, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (decoded.isEmpty()) {
            FileRecoveries.record(new FileRecovery(target, false, cause.toString()));
            throw new IOException("Neither " + target + " nor a previous generation can be read (kept as "
                    + kept.getFileName() + ")", cause);
        }
        replace(target, previous.get());
        FileRecoveries.record(new FileRecovery(target, true, cause.toString()));
        return decoded.get();
    }

    private static Optional<byte[]> readPrevious(Path target) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(sibling(target, PREVIOUS)));
        } catch (NoSuchFileException none) {
            return Optional.empty();
        }
    }

    private static <T> Optional<T> decodeQuietly(Function<byte[], T> decoder, byte[] bytes) {
        try {
            return Optional.ofNullable(decoder.apply(bytes));
        } catch (KeyNotAtHand keyNotAtHand) {
            throw keyNotAtHand;
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static void replace(Path target, byte[] bytes) throws IOException {
        var directory = target.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        var temp = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
        try {
            writeForced(temp, bytes);
            keepAsPrevious(target);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        force(directory);
    }

    /** Replaces {@code file} in one step, with no previous generation kept. */
    private static void replaceOnly(Path file, byte[] bytes) throws IOException {
        var directory = file.toAbsolutePath().getParent();
        var temp = Files.createTempFile(directory, "." + file.getFileName(), ".tmp");
        try {
            writeForced(temp, bytes);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        force(directory);
    }

    private static void keepAsPrevious(Path target) throws IOException {
        if (Files.notExists(target)) {
            return;
        }
        var directory = target.toAbsolutePath().getParent();
        var link = sibling(target, PREVIOUS + "-" + System.nanoTime());
        try {
            Files.createLink(link, target);
        } catch (UnsupportedOperationException | FileSystemException noHardLinks) {
            Files.copy(target, link, StandardCopyOption.REPLACE_EXISTING);
            force(link);
        }
        Files.move(link, sibling(target, PREVIOUS), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeForced(Path file, byte[] bytes) throws IOException {
        try (var channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            var buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }

    /** fsync; for a directory this makes its renames durable (Linux allows opening a directory for reading). */
    private static void force(Path path) throws IOException {
        try (var channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** {@code .<name><suffix>} beside the target. */
    public static Path sibling(Path target, String suffix) {
        return target.resolveSibling("." + target.getFileName() + suffix);
    }

    private static ReentrantLock lockOf(Path target) {
        return LOCKS.computeIfAbsent(target.toAbsolutePath().normalize(), ignored -> new ReentrantLock());
    }
}
