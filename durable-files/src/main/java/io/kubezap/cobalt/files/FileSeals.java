package io.kubezap.cobalt.files;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The {@link FileSeal} of each directory whose files are sealed at rest. Kept here, as {@link FileRecoveries}, because
 * Cobalt creates its serializers through a static factory that takes nothing but a directory.
 */
public final class FileSeals {

    private static final Map<Path, Sealed> SEALS = new ConcurrentHashMap<>();

    private record Sealed(Predicate<Path> files, FileSeal seal) {
    }

    private FileSeals() {
    }

    /** The {@code files} under {@code directory} (and its subdirectories) are sealed with {@code seal} from now on. */
    public static void sealUnder(Path directory, Predicate<Path> files, FileSeal seal) {
        SEALS.put(normalized(directory), new Sealed(files, seal));
    }

    /** The files under {@code directory} are kept as they are again. */
    public static void unsealed(Path directory) {
        SEALS.remove(normalized(directory));
    }

    /** The seal of the nearest registered directory holding {@code file}; {@link FileSeal#NONE} when none does or it seals other files. */
    public static FileSeal of(Path file) {
        var path = normalized(file);
        return SEALS.entrySet().stream()
                .filter(entry -> path.startsWith(entry.getKey()))
                .max(Comparator.comparingInt(entry -> entry.getKey().getNameCount()))
                .map(Map.Entry::getValue)
                .filter(sealed -> sealed.files().test(path))
                .map(Sealed::seal)
                .orElse(FileSeal.NONE);
    }

    private static Path normalized(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
