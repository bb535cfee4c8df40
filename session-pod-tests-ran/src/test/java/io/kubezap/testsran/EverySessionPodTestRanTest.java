package io.kubezap.testsran;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every test class session-pod compiled ran in this build: session-pod-component-tests runs its {@code *Test} classes
 * and session-pod-it its {@code *IT} classes, each from session-pod's compiled test classes; a class with no report
 * written since this build started ran nowhere.
 */
class EverySessionPodTestRanTest {

    private static final Path TEST_CLASSES = Path.of(System.getProperty("kubezap.sessionPodDir"), "target", "test-classes");
    private static final FileTime BUILD_STARTED = FileTime.from(Instant.parse(System.getProperty("kubezap.buildStarted")));
    private static final List<Path> REPORT_DIRS = Arrays.stream(System.getProperty("kubezap.reportDirs").split(","))
            .map(Path::of).toList();

    @Test
    void everyTestClassOfTheSessionPodHasAReportFromThisBuild() throws IOException {
        List<Path> testClasses = testClasses();
        assertThat(testClasses).as("session-pod's compiled test classes in %s", TEST_CLASSES).isNotEmpty();

        List<String> ranNowhere = testClasses.stream().filter(this::ranNowhere).map(this::className).toList();

        assertThat(ranNowhere).as("session-pod test classes without a report of this build in %s", REPORT_DIRS)
                .isEmpty();
    }

    private List<Path> testClasses() throws IOException {
        try (Stream<Path> files = Files.walk(TEST_CLASSES)) {
            return files.filter(file -> {
                String name = file.getFileName().toString();
                return !name.contains("$") && (name.endsWith("Test.class") || name.endsWith("IT.class"));
            }).toList();
        }
    }

    private boolean ranNowhere(Path testClass) {
        String report = "TEST-" + className(testClass) + ".xml";
        return REPORT_DIRS.stream().map(dir -> dir.resolve(report)).map(this::modified)
                .flatMap(Optional::stream).noneMatch(written -> written.compareTo(BUILD_STARTED) >= 0);
    }

    private String className(Path testClass) {
        String relative = TEST_CLASSES.relativize(testClass).toString();
        return relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
    }

    private Optional<FileTime> modified(Path file) {
        try {
            return Optional.of(Files.getLastModifiedTime(file));
        } catch (IOException absent) {
            return Optional.empty();
        }
    }
}
