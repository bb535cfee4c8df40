package io.kubezap.session.local;

import io.kubezap.session.testing.PodProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command, {@code session-pod/kubezap-local}, as a newcomer runs it: no JAVA_HOME exported,
 * the launcher's own JVM flags, and a temporary directory where the embedded PostgreSQL has never been unpacked
 * (its first unpacking needs more heap than the session does afterwards). Reuses this build's jar.
 */
class LocalModeLauncherIT {

    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    @TempDir
    Path workDir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theLocalLauncherStartsASessionOnAFreshMachine() throws Exception {
        Path dataDir = workDir.resolve("kubezap-data");
        Path freshTmp = Files.createDirectories(workDir.resolve("tmp"));
        int port = PodProcess.freePort();
        ProcessBuilder launcher = new ProcessBuilder(Path.of("kubezap-local").toAbsolutePath().toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/local-mode-launcher.log")));
        launcher.environment().remove("JAVA_HOME");
        launcher.environment().put("KUBEZAP_SKIP_BUILD", "1");
        launcher.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        launcher.environment().put("KUBEZAP_JAVA_OPTS", "-Djava.io.tmpdir=" + freshTmp);
        Process process = launcher.start();
        try {
            String base = "http://127.0.0.1:" + port;
            awaitReady(process, base + "/q/health/ready");

            String apiKey = Files.readString(dataDir.resolve("api-key")).strip();
            HttpResponse<String> session = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sessions/local"))
                    .header("X-Api-Key", apiKey).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(session.statusCode()).isEqualTo(200);
            assertThat(session.body()).contains("\"name\":\"local\"");
            assertThat(dataDir.resolve("postgres")).isDirectory();
        } finally {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private void awaitReady(Process process, String readyUrl) throws Exception {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("kubezap-local exited early, see target/local-mode-launcher.log").isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(readyUrl)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notListeningYet) {
                // keep polling
            }
            Thread.sleep(500);
        }
        throw new AssertionError("kubezap-local not ready within " + READY_WITHIN + ", see target/local-mode-launcher.log");
    }
}
