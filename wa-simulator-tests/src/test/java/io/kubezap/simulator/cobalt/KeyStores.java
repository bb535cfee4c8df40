package io.kubezap.simulator.cobalt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fresh directories for Cobalt key stores. Not JUnit's {@code @TempDir}: Cobalt keeps writing
 * its files asynchronously after a disconnect, which makes the per-test cleanup fail at random.
 * They live under one directory per test JVM, removed best-effort when it exits.
 */
final class KeyStores {
    private static final Path ROOT = createRoot();

    private KeyStores() {
    }

    static Path fresh() {
        try {
            return Files.createTempDirectory(ROOT, "keys");
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    private static Path createRoot() {
        try {
            var root = Files.createTempDirectory("wa-simulator-cobalt-keys");
            root.toFile().deleteOnExit();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(root)));
            return root;
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    private static void deleteQuietly(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: Cobalt may still be writing
        }
    }
}
