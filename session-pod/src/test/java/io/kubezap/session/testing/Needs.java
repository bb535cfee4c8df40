package io.kubezap.session.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a test needs from the machine beyond a JDK: when it is missing the test skips, saying what is missing and how to
 * get it; with {@code CI} set ({@code .ci/run} installs everything) it fails with the same words instead.
 */
public final class Needs {

    private static final Set<String> PRINTED = ConcurrentHashMap.newKeySet();

    private Needs() {
    }

    /** A program on the PATH, from the Debian package named. */
    public static void command(String command, String debianPackage) {
        if (!onPath(command)) {
            missing(command + " is not installed (Debian: apt-get install " + debianPackage + "; .ci/run installs it)");
        }
    }

    /** The npm packages installed in {@code directory} (by the build's scripts/npm-ci, which needs npm). */
    public static Path npmPackages(Path directory, String aPackage) {
        if (!Files.isDirectory(directory.resolve("node_modules").resolve(aPackage))) {
            missing("the npm packages of " + directory.toAbsolutePath().normalize() + " are not installed: the build"
                    + " installs them (scripts/npm-ci) where npm is on the PATH (Debian: apt-get install nodejs npm)");
        }
        return directory;
    }

    /**
     * Skips the test with {@code why}, or under CI fails it with {@code why}. A skip's reason reaches only the test
     * report, so each reason is also printed once where the build's output shows it.
     */
    public static void missing(String why) {
        if (System.getenv("CI") != null) {
            throw new AssertionError(why);
        }
        if (PRINTED.add(why)) {
            System.err.println("[skipped] " + why);
        }
        Assumptions.abort(why);
    }

    private static boolean onPath(String command) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, command))) {
                return true;
            }
        }
        return false;
    }
}
