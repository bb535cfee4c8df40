package io.kubezap.system;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 53, items 3 and 5: images/build.sh builds a tag once, writes each image's SBOM and provenance next to it, and
 * builds for the platforms asked for. It builds a tag once. It labels every image with the commit it came from and refuses,
 * before building anything, to put a tag on a build from another commit (a rebuilt image under a tag nodes have
 * cached never reaches them). Run against a stand-in engine (a script answering {@code image inspect} and recording
 * {@code build}), and once against real podman where it is installed.
 */
class BuildScriptTagsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String REF = "registry.example.com/kubezap/operator:1.0.0";
    private static final Path STAND_IN = Path.of("src/test/resources/build-script/stand-in-engine.sh").toAbsolutePath();

    @TempDir
    Path store;

    @BeforeEach
    void jqIsInstalled() {
        // images/build.sh writes each image's provenance with jq
        boolean installed = Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .anyMatch(directory -> Files.isExecutable(Path.of(directory, "jq")));
        assumeTrue(installed || System.getenv("CI") != null,
                "jq is not installed (Debian: apt-get install jq; .ci/run installs it): images/build.sh was NOT tested");
    }

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

    /** Issue 53 item 5: next to each image, its SBOM (as the image carries it) and the build's provenance. */
    @Test
    void theProvenanceNamesTheCommitTheImageItsBasesAndItsSbom() throws Exception {
        String commit = "0123456789abcdef0123456789abcdef01234567";
        Run run = build(commit, "operator");

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(builds().getFirst()).contains("--label org.opencontainers.image.source=https://github.com/kubezap/kubezap",
                "--label org.opencontainers.image.created=20");
        Path out = store.resolve("out/operator/1.0.0/linux-amd64");
        assertThat(out.resolve("sbom/application.cdx.json")).as("copied out of the image").content().contains("pkg:maven/");
        assertThat(out.resolve("sbom/dpkg-status")).content().contains("Package: libc6");
        JsonNode statement = TheSystem.JSON.readTree(out.resolve("provenance.json").toFile());
        assertThat(statement.path("_type").asText()).isEqualTo("https://in-toto.io/Statement/v1");
        assertThat(statement.path("subject").get(0).path("name").asText()).isEqualTo(REF);
        assertThat("sha256:" + statement.path("subject").get(0).path("digest").path("sha256").asText())
                .as("the image's id").isEqualTo(inspect(REF, "{{.Id}}"));
        JsonNode build = statement.path("predicate").path("buildDefinition");
        assertThat(build.path("externalParameters").path("source").path("revision").asText()).isEqualTo(commit);
        assertThat(build.path("externalParameters").path("source").path("dirty").asBoolean()).isFalse();
        assertThat(build.path("externalParameters").path("command").asText())
                .isEqualTo("images/build.sh --output " + store.resolve("out") + " --registry registry.example.com/kubezap --tag 1.0.0 operator");
        assertThat(build.path("resolvedDependencies").findValuesAsText("uri"))
                .contains("git+https://github.com/kubezap/kubezap@" + commit, "oci:eclipse-temurin:21-jre");
        assertThat(build.path("resolvedDependencies").findValuesAsText("name"))
                .contains("application.cdx.json: resolved components (sorted purls)");
    }

    @Test
    void aDirtyCheckoutSaysSoInTheProvenance() throws Exception {
        assertThat(build("abc-dirty", "operator").exit()).isZero();

        JsonNode source = TheSystem.JSON.readTree(store.resolve("out/operator/1.0.0/linux-amd64/provenance.json").toFile())
                .path("predicate").path("buildDefinition").path("externalParameters").path("source");
        assertThat(source.path("revision").asText()).isEqualTo("abc");
        assertThat(source.path("dirty").asBoolean()).isTrue();
    }

    /** With podman, --platform makes the reference a manifest list: one build per platform, each with its provenance. */
    @Test
    void platformsMakeOneManifestListWithPodman() throws Exception {
        Run run = buildWithPodman("operator", "--platform", "linux/amd64,linux/arm64");

        assertThat(run.exit()).as(run.stderr()).isZero();
        assertThat(builds()).hasSize(2);
        assertThat(builds().get(0)).contains("--platform linux/amd64 --manifest " + REF).doesNotContain(" -t ");
        assertThat(builds().get(1)).contains("--platform linux/arm64 --manifest " + REF);
        JsonNode arm = TheSystem.JSON.readTree(store.resolve("out/operator/1.0.0/linux-arm64/provenance.json").toFile());
        JsonNode amd = TheSystem.JSON.readTree(store.resolve("out/operator/1.0.0/linux-amd64/provenance.json").toFile());
        assertThat(arm.path("predicate").path("buildDefinition").path("externalParameters").path("platform").asText())
                .isEqualTo("linux/arm64");
        assertThat(arm.path("subject").get(0).path("digest").path("sha256").asText()).as("each platform's own image")
                .isNotEqualTo(amd.path("subject").get(0).path("digest").path("sha256").asText());
    }

    @Test
    void pushingAManifestListPushesEveryPlatform() throws Exception {
        assertThat(buildWithPodman("operator", "--platform", "linux/arm64", "--push").exit()).isZero();

        assertThat(Files.readAllLines(store.resolve("commands"))).contains("manifest push --all " + REF + " docker://" + REF);
    }

    @Test
    void theStandInBasesCannotBuildAnotherArchitecture() throws Exception {
        String other = "amd64".equals(System.getProperty("os.arch")) ? "linux/arm64" : "linux/amd64";

        Run run = build("aaa", "operator", "--local-base", "--platform", other);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr()).contains("--local-base cannot build " + other);
        assertThat(store.resolve("commands")).doesNotExist();
    }

    @Test
    void badPlatformsAreRefusedBeforeAnythingIsBuilt() throws Exception {
        Run notOsArch = build("aaa", "operator", "--platform", "arm64");
        assertThat(notOsArch.exit()).isEqualTo(2);
        assertThat(notOsArch.stderr()).contains("--platform 'arm64' is not os/arch");

        Run several = build("aaa", "operator", "--platform", "linux/amd64,linux/arm64");
        assertThat(several.exit()).as("several platforms without podman").isEqualTo(2);
        assertThat(several.stderr()).contains("several platforms make a manifest list in podman's store");
        assertThat(store.resolve("commands")).doesNotExist();
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

    private String inspect(String ref, String format) throws Exception {
        return run(List.of(STAND_IN.toString(), "image", "inspect", "--format", format, ref),
                Map.of("STAND_IN_STORE", store.toString())).stdout().strip();
    }

    /** The stand-in as podman: first on the PATH, with no options of engine.sh's own. */
    private Run buildWithPodman(String... args) throws Exception {
        Path bin = Files.createDirectories(store.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("podman"), STAND_IN);
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("images/build.sh").toString(),
                "--output", store.resolve("out").toString(), "--registry", "registry.example.com/kubezap", "--tag", "1.0.0"));
        command.addAll(List.of(args));
        return run(command, Map.of("CONTAINER_ENGINE", "podman", "KUBEZAP_PODMAN_OPTS", "", "STAND_IN_STORE", store.toString(),
                "KUBEZAP_SOURCE_COMMIT", "aaa", "PATH", bin + ":" + System.getenv("PATH")));
    }

    private Run build(String commit, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("images/build.sh").toString(),
                "--output", store.resolve("out").toString(), "--registry", "registry.example.com/kubezap", "--tag", "1.0.0"));
        command.addAll(List.of(args));
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "CONTAINER_ENGINE", STAND_IN.toString(),
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
