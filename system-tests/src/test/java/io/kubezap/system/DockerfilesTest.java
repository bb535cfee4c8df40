package io.kubezap.system;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 53, item 5: every image builds as the README tells users, on Docker BuildKit and on podman 4.3 (Debian 12's).
 * buildah 1.28 does not find a stage named through a build argument ({@code FROM app-${APP_FROM}}, {@code COPY
 * --from=app-${APP_FROM}}) while the argument keeps its Dockerfile default: "app-maven: image not known" (seen here
 * with podman 4.3.1 on the Dockerfiles before this test). A stage is named literally; a build argument chooses inside
 * one stage's RUN. {@code ImagesIT} builds the images through images/build.sh under podman; images/README.md says how
 * they were built with Docker's BuildKit here.
 */
class DockerfilesTest {

    @Test
    void noStageIsChosenByABuildArgument() throws IOException {
        for (Path dockerfile : dockerfiles()) {
            List<String> offending = Files.readAllLines(dockerfile).stream()
                    .filter(line -> line.matches("(?i)\\s*FROM\\s+[a-z0-9_-]+-\\$\\{?\\w+\\}?.*")
                            || line.matches("(?i)\\s*COPY\\s+--from=\\S*\\$.*"))
                    .toList();
            assertThat(offending).as(dockerfile + " chooses a stage through a build argument").isEmpty();
        }
    }

    /**
     * A {@code # syntax=docker/dockerfile:1} directive makes BuildKit pull that frontend image from Docker Hub before
     * reading the file: where only a mirror of the bases is reachable the build fails at once ("failed to solve with
     * frontend gateway.v0: ... registry-1.docker.io ... no such host", Docker 20.10.24 here, before this test). The
     * built-in frontend of Docker 20.10 and later reads everything these files use ({@code RUN --mount=type=cache},
     * {@code COPY --chmod}).
     */
    @Test
    void noDockerfileFetchesItsFrontendFromARegistry() throws IOException {
        for (Path dockerfile : dockerfiles()) {
            assertThat(Files.readAllLines(dockerfile)).as(dockerfile + ": a parser directive naming a frontend image")
                    .noneMatch(line -> line.matches("(?i)#\\s*syntax\\s*=.*"));
        }
    }

    @Test
    void everyDockerfileIsChecked() throws IOException {
        assertThat(dockerfiles()).extracting(p -> p.getParent().getFileName().toString())
                .containsExactlyInAnyOrder("quarkus-service", "session-pod", "session-pod-baileys");
    }

    private static List<Path> dockerfiles() throws IOException {
        Path images = Path.of("..", "images").toAbsolutePath().normalize();
        try (Stream<Path> files = Files.walk(images, 2)) {
            return files.filter(p -> p.getFileName().toString().equals("Dockerfile")).toList();
        }
    }
}
