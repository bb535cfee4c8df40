package io.kubezap.session.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged session pod ({@code target/quarkus-app/quarkus-run.jar}, path from the failsafe property
 * {@code kubezap.sessionPodJar}) run as a real process, configured only through its environment and JVM
 * options, as the operator runs it. Its output is appended to {@code target/<logName>.log}.
 */
public final class PodProcess implements AutoCloseable {

    /** One client for every readiness poll, not a new one (with its selector thread) per poll. */
    private static final HttpClient PROBES = HttpClient.newHttpClient();

    private final Process process;
    private final int httpPort;
    private final int managementPort;

    private PodProcess(Process process, int httpPort, int managementPort) {
        this.process = process;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
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
        int httpPort = freePort();
        int managementPort = freePort();
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // as every production launcher: Cobalt 0.0.10 deadlocks its sends on a small common pool
        command.add("-Djava.util.concurrent.ForkJoinPool.common.parallelism=8");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar);
        command.addAll(arguments);
        var builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/" + logName + ".log")));
        try {
            return new PodProcess(builder.start(), httpPort, managementPort);
        } catch (IOException cannotStart) {
            throw new UncheckedIOException(cannotStart);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** The management interface: health probes and {@code /q/metrics}. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /**
     * Whether {@code /q/health/ready} answers 200: the schema is migrated and the session started. The REST API
     * answers before that (the first database look runs beside the HTTP server's start).
     */
    public boolean isReady() {
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

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
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
