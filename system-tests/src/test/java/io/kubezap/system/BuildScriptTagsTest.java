package io.kubezap.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 53, item 3: images/build.sh builds a tag once. It labels every image with the commit it came from and refuses,
 * before building anything, to put a tag on a build from another commit (a rebuilt image under a tag nodes have
 * cached never reaches them). Run against a stand-in engine (a script answering {@code image inspect} and recording
 * {@code build}), and once against real podman where it is installed.
 */
class BuildScriptTagsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String REF = "registry.example.com/kubezap/operator:1.0.0";

    @TempDir
    Path store;

    @Test
    void aTagIsBuiltAgainFromItsOwnCommitOnly() throws Exception {
        Run first = build("aaa", "operator");
        assertThat(first.exit()).as(first.stderr()).isZero();
        assertThat(first.stdout()).isEqualTo(REF + "\n");
        assertThat(label()).isEqualTo("aaa");

        assertThat(build("aaa", "operator").exit()).as("the same commit again").isZero();

        Run other = build("bbb", "operator");
        assertThat(other.exit()).isEqualTo(1);
        assertThat(other.stderr()).contains(REF + " already exists, built from aaa, not bbb");
        assertThat(label()).as("the image stays the first build").isEqualTo("aaa");
        assertThat(builds()).as("nothing was built for bbb").hasSize(2);
    }

    @Test
    void itRefusesBeforeBuildingAnyOfTheImages() throws Exception {
        assertThat(build("aaa", "operator").exit()).isZero();

        Run both = build("bbb", "gateway", "operator");

        assertThat(both.exit()).isEqualTo(1);
        assertThat(builds()).as("not even the gateway, whose tag was free").hasSize(1);
    }

    @Test
    void replaceIsTheWayToReuseAThrowawayTag() throws Exception {
        assertThat(build("aaa", "operator").exit()).isZero();

        Run replaced = build("bbb", "operator", "--replace");

        assertThat(replaced.exit()).as(replaced.stderr()).isZero();
        assertThat(label()).isEqualTo("bbb");
    }

    @Test
    void anImageFromBeforeTheLabelCountsAsAnotherCommit() throws Exception {
        Files.writeString(store.resolve(REF.replace('/', '_').replace(':', '_')), "\n");

        Run run = build("aaa", "operator");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stderr()).contains("built from an unrecorded commit, not aaa");
    }

    @Test
    void theLabelIsTheCheckoutsCommit() throws Exception {
        String head = run(List.of("git", "-C", ROOT.toString(), "rev-parse", "HEAD"), Map.of()).stdout().strip();

        assertThat(build(null, "operator").exit()).isZero();

        assertThat(label()).as("HEAD, -dirty when the checkout has changes").matches(head + "(-dirty)?");
    }

    /** The inspect format the script reads works on the engine this machine has (podman 4.3 here). */
    @Test
    @EnabledIf("podmanInstalled")
    void realPodmanReadsTheLabel() throws Exception {
        String tag = "localhost/kubezap-build-script-test/operator:t" + ProcessHandle.current().pid();
        Files.writeString(store.resolve("Containerfile"), "FROM scratch\nLABEL org.opencontainers.image.revision=other\n");
        Run made = run(List.of("bash", "-c", ". \"$1/images/engine.sh\" && engine build -q -t \"$2\" \"$3\"", "-",
                ROOT.toString(), tag, store.toString()), Map.of());
        assertThat(made.exit()).as(made.stderr()).isZero();
        try {
            String registry = tag.substring(0, tag.lastIndexOf("/operator:"));
            Run refused = run(List.of(ROOT.resolve("images/build.sh").toString(), "--registry", registry,
                    "--tag", tag.substring(tag.lastIndexOf(':') + 1), "operator"), Map.of("KUBEZAP_SOURCE_COMMIT", "mine"));

            assertThat(refused.exit()).isEqualTo(1);
            assertThat(refused.stderr()).contains("already exists, built from other, not mine");
        } finally {
            run(List.of("podman", "rmi", "-f", tag), Map.of());
        }
    }

    static boolean podmanInstalled() {
        return Files.isExecutable(Path.of("/usr/bin/podman"));
    }

    private String label() throws IOException {
        return Files.readString(store.resolve(REF.replace('/', '_').replace(':', '_'))).strip();
    }

    private List<String> builds() throws IOException {
        return Files.readAllLines(store.resolve("commands")).stream().filter(line -> line.startsWith("build ")).toList();
    }

    private Run build(String commit, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("images/build.sh").toString(),
                "--registry", "registry.example.com/kubezap", "--tag", "1.0.0"));
        command.addAll(List.of(args));
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "CONTAINER_ENGINE", Path.of("src/test/resources/build-script/stand-in-engine.sh").toAbsolutePath().toString(),
                "STAND_IN_STORE", store.toString()));
        if (commit != null) {
            env.put("KUBEZAP_SOURCE_COMMIT", commit);
        }
        return run(command, env);
    }

    record Run(int exit, String stdout, String stderr) {
    }

    private static Run run(List<String> command, Map<String, String> env) throws Exception {
        Path stderr = Files.createTempFile("build-script", ".stderr");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().remove("KUBEZAP_SOURCE_COMMIT");
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        var stdout = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        try {
            return new Run(process.exitValue(), new String(stdout, StandardCharsets.UTF_8), Files.readString(stderr));
        } finally {
            Files.delete(stderr);
        }
    }
}
