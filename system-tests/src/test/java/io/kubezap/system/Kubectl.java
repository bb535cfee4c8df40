package io.kubezap.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A real kubectl of this machine (found on PATH or named by the environment, never downloaded), pointed at a kubeconfig. */
final class Kubectl {

    record Result(int exitCode, String output) {
    }

    private final Path binary;
    private final Path kubeconfig;
    private final Path home;

    private Kubectl(Path binary, Path kubeconfig, Path home) {
        this.binary = binary;
        this.kubeconfig = kubeconfig;
        this.home = home;
    }

    /** {@code binary}, e.g. the kubectl of a real API server's version ({@code KubeBinaries.KUBECTL}). */
    static Kubectl at(Path binary, Path kubeconfig, Path home) {
        return new Kubectl(binary, kubeconfig, home);
    }

    static Optional<Kubectl> onPath(Path kubeconfig, Path home) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(new Kubectl(candidate, kubeconfig, home));
            }
        }
        return Optional.empty();
    }

    Result run(String... arguments) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(arguments));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("HOME", home.toString());
        try {
            Files.createDirectories(home);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs and fails the test unless kubectl exits 0; returns its output. */
    String ok(String... arguments) {
        Result result = run(arguments);
        if (result.exitCode() != 0) {
            throw new AssertionError("kubectl " + String.join(" ", arguments) + " exited " + result.exitCode() + ": "
                    + result.output());
        }
        return result.output();
    }
}
