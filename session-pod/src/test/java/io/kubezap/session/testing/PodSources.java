package io.kubezap.session.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The session pod's main sources ({@code io/kubezap/session}) in each of its modules, for the tests that read source
 * text: run from session-pod's directory, as surefire and failsafe run them. A root that is gone fails the test
 * instead of leaving it nothing to read.
 */
public final class PodSources {

    private static final List<String> MODULES = List.of(".", "../session-pod-engine-api", "../session-pod-engine-cobalt",
            "../session-pod-engine-baileys");

    private PodSources() {
    }

    public static List<Path> roots() {
        List<Path> roots = MODULES.stream().map(module -> Path.of(module, "src/main/java/io/kubezap/session").normalize())
                .toList();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                throw new IllegalStateException("no main sources at " + root.toAbsolutePath());
            }
        }
        return roots;
    }
}
