package io.kubezap.session.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged session pod ({@code target/quarkus-app/quarkus-run.jar}, path from the failsafe property
 * {@code kubezap.sessionPodJar}) run as a real process, configured only through its environment and JVM
 * options, as the operator runs it, with the JVM options of the image ({@code images/session-pod/jvm.options}, path
 * from the failsafe property {@code kubezap.sessionPodJvmOptions}). Its output is appended to {@code target/<logName>.log}.
 */
public final class PodProcess implements AutoCloseable {

    /** One client for every readiness poll, not a new one (with its selector thread) per poll. */
    private static final HttpClient PROBES = HttpClient.newHttpClient();

    /** Quarkus' start-up line, with the ports the pod bound (it picks free ones itself: port 0). */
    private static final Pattern LISTENING = Pattern.compile(
            "Listening on: http://[^:/\\s]+:(\\d+)\\. Management interface listening on http://[^:/\\s]+:(\\d+)");

    private final Process process;
    private final Path log;
    private final long logStart;
    private volatile Ports ports;

    private record Ports(int http, int management) {
    }

    private PodProcess(Process process, Path log, long logStart) {
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    /** Environment of a pod named {@code session} in {@code namespace}, keyed by {@code apiKey}, on {@code postgres}. */
    public static Map<String, String> environment(String session, String namespace, String apiKey, Path dataDir,
                                                  EmbeddedPostgres postgres) {
        var env = new LinkedHashMap<String, String>();
        env.put("KUBEZAP_SESSION", session);
        env.put("KUBEZAP_NAMESPACE", namespace);
        env.put("KUBEZAP_API_KEY", apiKey);
        env.put("KUBEZAP_DATA_DIR", dataDir.toString());
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"));
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        // one pod on its own database: it may apply the migrations (SchemaMigrationIT proves the release's runner)
        env.put("KUBEZAP_SCHEMA_MIGRATE_AT_START", "true");
        return env;
    }

    public static PodProcess start(List<String> jvmOptions, Map<String, String> environment, String logName) {
        return start(jvmOptions, environment, logName, List.of());
    }

    /**
     * The release's migration runner ({@code migrate} command) on {@code postgres} with its superuser as the admin;
     * its exit code, after at most {@code seconds}.
     */
    public static int migrate(EmbeddedPostgres postgres, String logName, long seconds) throws InterruptedException {
        PodProcess runner = start(List.of(), Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"),
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "postgres"), logName, List.of("migrate"));
        if (!runner.process.waitFor(seconds, TimeUnit.SECONDS)) {
            runner.close();
            throw new IllegalStateException("the migration runner did not finish within " + seconds + "s");
        }
        return runner.process.exitValue();
    }

    public static PodProcess start(List<String> jvmOptions, Map<String, String> environment, String logName,
                                   List<String> arguments) {
        String jar = System.getProperty("kubezap.sessionPodJar", "target/quarkus-app/quarkus-run.jar");
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("@" + imageJvmOptions());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar);
        command.addAll(arguments);
        var builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        // the pod binds free ports itself and names them in its log: a port the test picked and let go could be taken
        // (by another test's process, or as the local port of any outgoing connection) before the pod bound it
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", "0");
        Path log = Path.of("target", logName + ".log");
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        try {
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            return new PodProcess(builder.start(), log, logStart);
        } catch (IOException cannotStart) {
            throw new UncheckedIOException(cannotStart);
        }
    }

    /**
     * The image's JVM options, as {@code images/session-pod/run.sh} passes them: the pod as it runs in a cluster
     * (Cobalt 0.0.10's common pool large enough not to deadlock its sends, C1 with one compiler thread, serial GC),
     * which also keeps the CPU of many pods started side by side low.
     */
    private static Path imageJvmOptions() {
        Path options = Path.of(System.getProperty("kubezap.sessionPodJvmOptions", "../images/session-pod/jvm.options"));
        if (!Files.isRegularFile(options)) {
            throw new IllegalStateException("No JVM options file at " + options.toAbsolutePath()
                    + ": run the tests from the session-pod module of the repository");
        }
        return options.toAbsolutePath();
    }

    /** The REST API; throws {@link IllegalStateException} while the pod does not listen yet, as a refused connection would. */
    public String baseUrl() {
        return "http://127.0.0.1:" + ports().http();
    }

    /** The management interface: health probes and {@code /q/metrics}. */
    public String managementUrl() {
        return "http://127.0.0.1:" + ports().management();
    }

    /** The ports from this process's start-up line: its output appended to the log after {@code logStart}. */
    private Ports ports() {
        if (ports == null) {
            Matcher listening = LISTENING.matcher(outputSoFar());
            if (!listening.find()) {
                throw new IllegalStateException("the pod does not listen yet (see " + log + ")");
            }
            ports = new Ports(Integer.parseInt(listening.group(1)), Integer.parseInt(listening.group(2)));
        }
        return ports;
    }

    private String outputSoFar() {
        try (var file = FileChannel.open(log, StandardOpenOption.READ)) {
            file.position(file.size() < logStart ? 0 : logStart); // a test may have deleted the log before the start
            return new String(Channels.newInputStream(file).readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /**
     * Whether {@code /q/health/ready} answers 200: the schema is migrated and the session started. The REST API
     * answers before that (the first database look runs beside the HTTP server's start).
     */
    public boolean isReady() {
        if (!listening()) {
            return false;
        }
        var request = HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready")).build();
        try {
            return PROBES.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean listening() {
        try {
            ports();
            return true;
        } catch (IllegalStateException notYet) {
            return false;
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * The stacks of the pod's threads (the JDK's {@code jcmd Thread.print}), appended to its log for a failure to be
     * read after the fact; the named thread's own stack is returned, or why there is none.
     */
    public String dumpThreads(String threadName) {
        if (!process.isAlive()) {
            return "no thread dump: the pod has ended";
        }
        try {
            var jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            var dump = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            var text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            dump.waitFor(30, TimeUnit.SECONDS);
            Files.writeString(log, "\n---- thread dump taken by the test ----\n" + text, StandardOpenOption.APPEND);
            return java.util.Arrays.stream(text.split("\n\n"))
                    .filter(block -> block.startsWith("\"" + threadName + "\""))
                    .findFirst().orElse("no thread " + threadName + " in the dump");
        } catch (IOException e) {
            return "no thread dump: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "no thread dump: interrupted";
        }
    }

    /** The exit code once the process ended by itself within {@code seconds}; empty while it runs. */
    public java.util.OptionalInt exitCode(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS)
                ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
    }

    /** SIGTERM, as Kubernetes stops a pod; true when the process ended within {@code seconds}. */
    public boolean stop(long seconds) throws InterruptedException {
        process.destroy();
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException noPort) {
            throw new UncheckedIOException(noPort);
        }
    }
}
