package io.kubezap.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The container engine the image scripts use (podman or docker, chosen and configured by {@code images/engine.sh}, so
 * that the suite runs containers exactly as {@code images/build.sh} builds them), driven through its command line.
 */
final class ContainerEngine {

    /** The result of one engine command. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private final Path root;

    private ContainerEngine(Path root) {
        this.root = root;
    }

    /** The engine, if one answers {@code info} here; otherwise empty, with what it said in {@code why}. */
    static Optional<ContainerEngine> find(Path root, StringBuilder why) {
        ContainerEngine engine = new ContainerEngine(root);
        Result info = engine.run(60, "info");
        if (!info.ok()) {
            // its last word is the reason ("Cannot connect to the Docker daemon…", "command not found", …)
            why.append(info.output().lines().filter(line -> !line.isBlank()).reduce((first, last) -> last)
                    .orElse("exit code " + info.exitCode()).strip());
            return Optional.empty();
        }
        return Optional.of(engine);
    }

    /** {@code engine <args>}: waits up to {@code seconds}, never throws for a non-zero exit. */
    Result run(long seconds, String... args) {
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                ". \"$0/images/engine.sh\" && engine \"$@\"", root.toString()));
        command.addAll(List.of(args));
        return exec(command, seconds);
    }

    /** {@code bash -c <script>}, for what the engine needs around it. */
    static Result shell(String script) {
        return exec(List.of("bash", "-c", script), 30);
    }

    /** {@code images/build.sh <args>}: the references of the images it built. */
    List<String> build(long seconds, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(root.resolve("images/build.sh").toString()));
        command.addAll(List.of(args));
        var process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        String refs = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!waitFor(process, seconds) || process.exitValue() != 0) {
            throw new IllegalStateException("images/build.sh failed: see " + log + "\n" + tail(log));
        }
        return refs.lines().filter(line -> !line.isBlank()).toList();
    }

    /** A detached container, removed by {@link Container#close()}. */
    Container start(String name, List<String> options, String image, String... args) {
        run(60, "rm", "-f", name);
        List<String> command = new ArrayList<>(List.of("run", "-d", "--name", name));
        command.addAll(options);
        command.add(image);
        command.addAll(List.of(args));
        Result started = run(120, command.toArray(String[]::new));
        if (!started.ok()) {
            run(60, "rm", "-f", name);
            throw new IllegalStateException("could not start container " + name + ": " + started.output());
        }
        return new Container(name);
    }

    /** A running container of this engine. */
    final class Container implements AutoCloseable {
        private final String name;

        private Container(String name) {
            this.name = name;
        }

        boolean running() {
            return "true".equals(run(30, "inspect", "-f", "{{.State.Running}}", name).output().strip());
        }

        String logs() {
            return run(30, "logs", name).output();
        }

        @Override
        public void close() {
            run(60, "stop", "-t", "10", name);
            run(60, "rm", "-f", name);
        }
    }

    private static Result exec(List<String> command, long seconds) {
        try {
            Path output = Files.createTempFile("engine", ".out");
            try {
                var process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                boolean done = waitFor(process, seconds);
                return new Result(done ? process.exitValue() : -1, Files.readString(output));
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            return new Result(-1, e.toString());
        }
    }

    private static boolean waitFor(Process process, long seconds) {
        try {
            if (process.waitFor(seconds, TimeUnit.SECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        return false;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
