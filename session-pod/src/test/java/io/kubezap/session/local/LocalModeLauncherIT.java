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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
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
        int port = PodProcess.freePort();
        int managementPort = PodProcess.freePort();
        Process process = launch(port, managementPort);
        try {
            String base = "http://127.0.0.1:" + port;
            awaitReady(process, "http://127.0.0.1:" + managementPort + "/q/health/ready");

            String apiKey = Files.readString(dataDir.resolve("api-key")).strip();
            HttpResponse<String> session = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/sessions/local"))
                    .header("X-Api-Key", apiKey).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(session.statusCode()).isEqualTo(200);
            assertThat(session.body()).contains("\"name\":\"local\"");
            assertThat(dataDir.resolve("postgres")).isDirectory();
        } finally {
            stop(process);
        }
    }

    /**
     * kill -9 leaves the embedded PostgreSQL running on the data directory; the next start stops that orphan and
     * becomes ready, and the server keeps commits durable (fsync and synchronous_commit on).
     */
    @Test
    void afterKillMinus9TheNextStartStopsTheOrphanedDatabaseAndBecomesReady() throws Exception {
        Path postgresDir = workDir.resolve("kubezap-data").resolve("postgres");
        int port = PodProcess.freePort();
        int managementPort = PodProcess.freePort();
        Process first = launch(port, managementPort);
        awaitReady(first, "http://127.0.0.1:" + managementPort + "/q/health/ready");
        long orphanPid = postmasterPid(postgresDir);
        first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive)).as("the killed run left its database running")
                .contains(true);

        Process second = launch(port, managementPort);
        try {
            awaitReady(second, "http://127.0.0.1:" + managementPort + "/q/health/ready");
            assertThat(ProcessHandle.of(orphanPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            int postgresPort = Integer.parseInt(Files.readAllLines(postgresDir.resolve("postmaster.pid")).get(3).strip());
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + postgresPort + "/postgres", "postgres", "");
                 Statement query = c.createStatement()) {
                assertThat(setting(query, "fsync")).isEqualTo("on");
                assertThat(setting(query, "synchronous_commit")).isEqualTo("on");
            }
        } finally {
            stop(second);
            ProcessHandle.of(orphanPid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private static String setting(Statement query, String name) throws Exception {
        try (ResultSet rs = query.executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long postmasterPid(Path postgresDir) throws Exception {
        return Long.parseLong(Files.readAllLines(postgresDir.resolve("postmaster.pid")).getFirst().strip());
    }

    /** kubezap-local as a newcomer runs it in {@code workDir}, with a fresh temporary directory for the unpacking. */
    private Process launch(int port, int managementPort) throws Exception {
        Path freshTmp = Files.createDirectories(workDir.resolve("tmp"));
        ProcessBuilder launcher = new ProcessBuilder(Path.of("kubezap-local").toAbsolutePath().toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/local-mode-launcher.log")));
        launcher.environment().remove("JAVA_HOME");
        launcher.environment().put("KUBEZAP_SKIP_BUILD", "1");
        launcher.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        launcher.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        launcher.environment().put("KUBEZAP_JAVA_OPTS", "-Djava.io.tmpdir=" + freshTmp);
        return launcher.start();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
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
