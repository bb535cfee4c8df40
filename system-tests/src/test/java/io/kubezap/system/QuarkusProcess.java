package io.kubezap.system;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged Quarkus application ({@code quarkus-run.jar}: the operator, built by this module from the operator's
 * artifact with server-side apply off, or the gateway) as a process, configured as the Helm chart configures it —
 * through environment variables — plus a kubeconfig for the mock API and the service network as its HTTP proxy.
 */
final class QuarkusProcess implements AutoCloseable {

    private final Process process;

    private QuarkusProcess(Process process) {
        this.process = process;
    }

    static QuarkusProcess start(String what, Path jar, Path kubeconfig, List<String> jvmOptions,
                                Map<String, String> settings, Path log) {
        if (!jar.toFile().isFile()) {
            throw new IllegalStateException("the " + what + " jar " + jar + " is missing: run ./mvnw package -pl system-tests -am");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // a container limit like the chart's operator one (images/operator/Dockerfile: MaxRAMPercentage=75)
        command.add("-XX:MaxRAM=512m");
        command.addAll(jvmOptions); // after the ones above: they win
        command.add("-jar");
        command.add(jar.toString());
        var builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().put("JAVA_TOOL_OPTIONS",
                "-XX:MaxRAMPercentage=75 -Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        builder.environment().putAll(settings);
        try {
            return new QuarkusProcess(builder.redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
