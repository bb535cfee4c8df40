package io.kubezap.session.sink;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A broker the tests run as a child process on loopback, stopped (SIGTERM, then its children) and started again on the
 * same data to play an outage. Its output goes to {@code log} for failure messages.
 */
public final class BrokerProcess implements AutoCloseable {

    private static final Duration START_PATIENCE = Duration.ofSeconds(90);

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final int port;
    private final Path log;
    private Process process;

    public BrokerProcess(String name, List<String> command, Map<String, String> environment, int port, Path log) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.port = port;
        this.log = log;
    }

    /** Whether {@code program} is on the PATH; a broker package that is missing skips the test outside CI, fails it in CI. */
    static boolean installed(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", program));
    }

    /** A variable of its environment (null when not set). */
    String environment(String name) {
        return environment.get(name);
    }

    public int port() {
        return port;
    }

    /** Starts it and waits until it accepts connections on its port. */
    public void start() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(log.getParent().toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        Instant deadline = Instant.now().plus(START_PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " ended at start; its output: " + Files.readString(log));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException(name + " did not listen on " + port + " within " + START_PATIENCE);
    }

    /** SIGTERM to it and its children (a start script's broker), waiting for them to end. */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = process.descendants().toList();
        all.forEach(ProcessHandle::destroy);
        process.destroy();
        for (ProcessHandle each : all) {
            each.onExit().completeOnTimeout(null, 30, TimeUnit.SECONDS).join();
            each.destroyForcibly();
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        process = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
