package io.kubezap.helm;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** Where a program the tests run is on the PATH, so that a test without it skips, saying what is missing. */
final class OnThePath {

    private OnThePath() {
    }

    static Optional<Path> find(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(directory -> Path.of(directory, program))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** The program, or the calling test is skipped saying which Debian package has it (failed under {@code CI}). */
    static Path required(String program, String debianPackage) {
        return find(program).orElseGet(() -> {
            String why = program + " is not installed (Debian: apt-get install " + debianPackage + ")";
            if (System.getenv("CI") != null) {
                throw new AssertionError(why);
            }
            Assumptions.abort(why);
            return null;
        });
    }
}
