package io.kubezap.helm;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Helm CLI, for what helm-java lacks (rollback, history): the executable KUBEZAP_HELM names, run against one
 * cluster's kubeconfig, with its config, cache and data directories of its own (no repository, plugin or registry
 * login of the machine's user is read). The project neither ships nor builds Helm; a test that needs it skips,
 * naming the variable, where it is not set.
 */
final class HelmCli {

    static final String VARIABLE = "KUBEZAP_HELM";
    private static final long TIMEOUT_SECONDS = 180;

    private final Path executable;
    private final Path kubeconfig;
    private final Path home;

    HelmCli(Path executable, Path kubeconfig, Path home) {
        this.executable = executable;
        this.kubeconfig = kubeconfig;
        this.home = home;
    }

    /** The executable KUBEZAP_HELM names, or the calling test is skipped with the reason. */
    static Path executable() {
        Optional<Path> found = Optional.ofNullable(System.getenv(VARIABLE)).filter(value -> !value.isBlank())
                .map(Path::of).filter(Files::isExecutable);
        Assumptions.assumeTrue(found.isPresent(), () -> VARIABLE + " does not name an executable helm (value: "
                + System.getenv(VARIABLE) + "): this test runs the Helm CLI (helm-java has no rollback)");
        return found.orElseThrow();
    }

    /** Runs {@code helm <arguments> --kubeconfig <kubeconfig>}; its standard output, or an error with all it printed. */
    String run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(arguments));
        command.addAll(List.of("--kubeconfig", kubeconfig.toString()));
        Path output = Files.createTempFile(home(), "helm-", ".out");
        Path errors = Files.createTempFile(home(), "helm-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile());
        Map<String, String> environment = builder.environment();
        environment.remove("KUBECONFIG");
        environment.put("HELM_CONFIG_HOME", home.resolve("config").toString());
        environment.put("HELM_CACHE_HOME", home.resolve("cache").toString());
        environment.put("HELM_DATA_HOME", home.resolve("data").toString());
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(String.join(" ", arguments) + ": no answer within " + TIMEOUT_SECONDS + " s");
        }
        String printed = Files.readString(output);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("helm " + String.join(" ", arguments) + " exited with " + process.exitValue()
                    + ": " + Files.readString(errors) + printed);
        }
        return printed;
    }

    /** {@code helm history}: the release's revisions, oldest first. */
    List<Revision> history(String release, String namespace) throws IOException, InterruptedException {
        return new ObjectMapper().readValue(run("history", release, "--namespace", namespace, "--output", "json"),
                new TypeReference<>() { });
    }

    private Path home() throws IOException {
        return Files.createDirectories(home);
    }

    /** One row of {@code helm history}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Revision(int revision, String status, String chart, @JsonProperty("app_version") String appVersion,
                    String description) {
    }
}
