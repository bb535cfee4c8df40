package io.kubezap.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies a chart directory so a test can change its values.yaml without touching the committed chart. */
final class ChartCopy {

    private ChartCopy() {
    }

    static Path of(Path chart, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(chart)) {
            paths.forEach(source -> copy(source, target.resolve(chart.relativize(source).toString())));
        }
        return target;
    }

    private static void copy(Path source, Path destination) {
        try {
            if (Files.isDirectory(source)) {
                Files.createDirectories(destination);
            } else {
                Files.copy(source, destination);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
