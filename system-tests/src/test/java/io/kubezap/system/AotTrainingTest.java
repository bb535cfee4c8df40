package io.kubezap.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 53, item 5: the session-pod image trains its AOT cache where it is built natively and not where its build runs
 * under qemu (an arm64 image built on x86_64: the training run, the pod with its embedded PostgreSQL, had not started
 * after 9 minutes). {@code images/session-pod/aot-train.sh} reads the build arguments the Dockerfile passes
 * ({@code BUILDARCH}, {@code TARGETARCH}, {@code AOT_TRAINING}); a stand-in {@code java} on the PATH plays the pod: it
 * says it listens and that its schema is current, writes the cache when stopped, as the JVM does with
 * {@code -XX:AOTCacheOutput}, and, asked to load a linked session's classes, says how many it loaded, as
 * {@code runtime.AotTrainingClasses} does. Each start is noted in {@code java-starts}.
 */
class AotTrainingTest {

    private static final Path SCRIPT = Path.of("..", "images", "session-pod", "aot-train.sh").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void aNativeBuildTrainsTheCache() throws Exception {
        Run run = train(Map.of("BUILDARCH", "amd64", "TARGETARCH", "amd64"));

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(cache()).as("the cache the training run wrote").exists();
        assertThat(javaStarted()).isTrue();
    }

    /** Built with the host's network (build.sh under podman), a fixed port may be taken: the system chooses both. */
    @Test
    void theTrainingRunBindsNoFixedPort() throws Exception {
        Run run = train(Map.of("BUILDARCH", "amd64", "TARGETARCH", "amd64"));

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(Files.readString(dir.resolve("java-started")).strip()).isEqualTo("http=0 management=0");
    }

    /**
     * Without a WhatsApp server the training pod never links: by default it is asked to load a linked session's classes
     * itself, and what it says of them reaches the build's log (ImagesIT reads the count there).
     */
    @Test
    void theTrainingRunLoadsTheClassesOfALinkedSession() throws Exception {
        Run run = train(Map.of("BUILDARCH", "amd64", "TARGETARCH", "amd64"));

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(Files.readString(dir.resolve("java-training")).strip()).isEqualTo("KUBEZAP_AOT_TRAINING=true");
        assertThat(run.output()).contains("aot-train: loaded 3 classes of /aot/linked-session-classes.txt");
    }

    /**
     * The recorded start finds the embedded PostgreSQL unpacked and its schema migrated by a first start that is not
     * recorded, as a pod in a cluster finds its schema migrated by the release's Job: Flyway's and the unpacking's
     * classes stay out of the cache (docs/benchmarks/2026-11-26-smaller-session-part-10b-aot-class-list.md).
     */
    @Test
    void aFirstStartThatIsNotRecordedMigratesTheSchema() throws Exception {
        Run run = train(Map.of("BUILDARCH", "amd64", "TARGETARCH", "amd64"));

        assertThat(run.exit()).as(run.output()).isZero();
        List<String> starts = Files.readAllLines(dir.resolve("java-starts"));
        assertThat(starts).extracting(start -> start.substring(0, start.indexOf(" data=")))
                .containsExactly("training=false recorded=no", "training=true recorded=yes");
        String firstData = starts.getFirst().substring(starts.getFirst().indexOf(" data="));
        assertThat(firstData).as("the first start's data directory").isNotEqualTo(" data=");
        assertThat(starts).extracting(start -> start.substring(start.indexOf(" data=")))
                .as("both on the same data directory").containsOnly(firstData);
    }

    @Test
    void theSchemaCanBeMigratedByTheRecordedStartItself() throws Exception {
        Run run = train(Map.of("BUILDARCH", "amd64", "TARGETARCH", "amd64", "AOT_TRAIN_SCHEMA_FIRST", "false"));

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(Files.readAllLines(dir.resolve("java-starts"))).extracting(start -> start.substring(0, start.indexOf(" data=")))
                .containsExactly("training=true recorded=yes");
        assertThat(cache()).exists();
    }

    @Test
    void theLinkedSessionsClassesCanBeLeftOut() throws Exception {
        Run run = train(Map.of("BUILDARCH", "amd64", "TARGETARCH", "amd64", "AOT_TRAIN_LINKED_CLASSES", "false"));

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(Files.readString(dir.resolve("java-training")).strip()).isEqualTo("KUBEZAP_AOT_TRAINING=false");
        assertThat(cache()).exists();
    }

    @Test
    void anEmulatedBuildSkipsTheTrainingAndLeavesNoCache() throws Exception {
        Run run = train(Map.of("BUILDARCH", "amd64", "TARGETARCH", "arm64"));

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output()).contains("skipped: the image is for arm64, built on amd64, where training would run emulated");
        assertThat(cache()).doesNotExist();
        assertThat(javaStarted()).as("no JVM was started under emulation").isFalse();
    }

    @Test
    void alwaysTrainsEvenUnderEmulation() throws Exception {
        Run run = train(Map.of("BUILDARCH", "amd64", "TARGETARCH", "arm64", "AOT_TRAINING", "always"));

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(cache()).exists();
    }

    @Test
    void neverLeavesTheImageWithoutACache() throws Exception {
        Run run = train(Map.of("BUILDARCH", "amd64", "TARGETARCH", "amd64", "AOT_TRAINING", "never"));

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(cache()).doesNotExist();
        assertThat(javaStarted()).isFalse();
    }

    @Test
    void anEngineThatSetsNoBuildArchitectureTrains() throws Exception {
        Run run = train(Map.of("TARGETARCH", "arm64"));

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(cache()).exists();
    }

    @Test
    void anUnknownChoiceIsRefused() throws Exception {
        Run run = train(Map.of("AOT_TRAINING", "sometimes"));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.output()).contains("AOT_TRAINING is auto, always or never, not 'sometimes'");
    }

    private Path cache() {
        return dir.resolve("session-pod.aot");
    }

    private boolean javaStarted() {
        return Files.exists(dir.resolve("java-started"));
    }

    record Run(int exit, String output) {
    }

    private Run train(Map<String, String> env) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, """
                #!/bin/sh
                echo "http=$QUARKUS_HTTP_PORT management=$QUARKUS_MANAGEMENT_PORT" > '%s'
                echo "KUBEZAP_AOT_TRAINING=$KUBEZAP_AOT_TRAINING" > '%s'
                [ "$KUBEZAP_AOT_TRAINING" = true ] && echo "aot-train: loaded 3 classes of /aot/linked-session-classes.txt"
                out=
                for arg; do case "$arg" in -XX:AOTCacheOutput=*) out="${arg#*=}" ;; esac; done
                echo "training=$KUBEZAP_AOT_TRAINING recorded=$([ -n "$out" ] && echo yes || echo no) data=$KUBEZAP_DATA_DIR" >> '%s'
                trap '[ -n "$out" ] && echo cache > "$out"; exit 0' TERM
                echo "Listening on: http://0.0.0.0:$QUARKUS_HTTP_PORT"
                echo "database schema at version 83"
                while :; do sleep 0.1; done
                """.formatted(dir.resolve("java-started"), dir.resolve("java-training"), dir.resolve("java-starts")));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder builder = new ProcessBuilder(List.of("sh", SCRIPT.toString(), cache().toString(), dir.toString()))
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeAll(List.of("BUILDARCH", "TARGETARCH", "AOT_TRAINING", "KUBEZAP_AOT_TRAINING"));
        environment.putAll(new HashMap<>(env));
        environment.put("AOT_TRAIN_SECONDS", "0");
        environment.put("PATH", bin + ":" + System.getenv("PATH"));
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), output);
    }
}
