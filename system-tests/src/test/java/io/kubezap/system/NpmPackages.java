package io.kubezap.system;

import java.io.File;
import java.nio.file.Files;
import java.util.Arrays;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Node.js programs of this checkout the system tests run, whose npm packages the build installs (scripts/npm-ci). */
final class NpmPackages {

    private NpmPackages() {
    }

    /**
     * {@code directory} (relative to the repository) as a test runs it, skipping the test, saying so, where its packages
     * are not installed (a machine without npm); in CI they must be, and the test fails on its own if not.
     */
    static Path assumeInstalled(String directory, String whose) {
        Path program = Path.of(System.getProperty("kubezap.repositoryRoot", "..")).toAbsolutePath().normalize().resolve(directory);
        assumeTrue(Files.exists(program.resolve("node_modules")) || System.getenv("CI") != null,
                whose + " npm packages are not installed: the build installs them (scripts/npm-ci) where npm is on the"
                        + " PATH (Debian: apt-get install nodejs npm)");
        // packages installed earlier, by a build on a machine that had npm, do not bring the program that runs them
        assumeTrue(nodeOnPath() || System.getenv("CI") != null,
                "node is not on the PATH, and " + whose + " program runs on it (Debian: apt-get install nodejs)");
        return program;
    }

    private static boolean nodeOnPath() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(directory -> !directory.isEmpty() && Files.isExecutable(Path.of(directory, "node")));
    }
}
