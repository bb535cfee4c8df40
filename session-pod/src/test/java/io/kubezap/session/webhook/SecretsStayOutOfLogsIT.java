package io.kubezap.session.webhook;

import io.kubezap.session.testing.PodProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged pod is given a secret in every place one can be configured (API key, database password, a webhook URL's
 * user info and query token, a webhook signing secret), made to fail with each (deliveries refused, a wrong key, a
 * malformed header, the database gone, so that the webhook worker logs from its own thread), stopped with SIGTERM, then started on a malformed webhook list holding secrets: none of those
 * values appears anywhere in the pod's output.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SecretsStayOutOfLogsIT {

    private static final String API_KEY = "API-KEY-secret-7731-abcdef";
    private static final String DB_PASSWORD = "DB-PASSWORD-secret-7731";
    private static final String USERINFO_PASSWORD = "USERINFO-secret-7731";
    private static final String QUERY_TOKEN = "QUERY-TOKEN-secret-7731";
    /** Where Slack and Discord put theirs. */
    private static final String PATH_TOKEN = "PATH-TOKEN-secret-7731";
    private static final String SIGNING_SECRET = "SIGNING-secret-7731";
    private static final String LOG_NAME = "secrets-in-logs-it-pod";
    private static final List<String> SECRETS = List.of(API_KEY, DB_PASSWORD, USERINFO_PASSWORD, QUERY_TOKEN, PATH_TOKEN,
            SIGNING_SECRET);

    @TempDir
    Path dataDir;

    private EmbeddedPostgres postgres;
    private PodProcess pod;
    private final Path log = Path.of("target", LOG_NAME + ".log");

    @BeforeEach
    void database() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        Files.deleteIfExists(log);
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (pod != null) {
            pod.close();
        }
        postgres.close();
    }

    @Test
    void noConfiguredSecretAppearsInThePodsOutput() throws Exception {
        int refusing = PodProcess.freePort();
        Path webhooks = Files.writeString(dataDir.resolve("webhooks.json"), """
                [{"url": "http://bot:%s@127.0.0.1:%d/hook/%s?token=%s", "secret": "%s"}]"""
                .formatted(USERINFO_PASSWORD, refusing, PATH_TOKEN, QUERY_TOKEN, SIGNING_SECRET));
        pod = startPod(webhooks);
        await().atMost(Duration.ofSeconds(90)).until(() -> failedAttempts() >= 3);

        given().baseUri(pod.baseUrl()).header("X-Api-Key", API_KEY + "-wrong").get("/api/v1/sessions/secrets-it")
                .then().statusCode(401);
        String metrics = given().baseUri(pod.managementUrl()).get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).as("the metrics name the endpoint").contains("kubezap_webhook_attempts");
        for (String secret : SECRETS) {
            assertThat(metrics).as("/q/metrics").doesNotContain(secret);
        }
        assertThat(rawRequest("GET /api/v1/sessions/secrets-it HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Api-Key: " + API_KEY
                + "\r\nX-Trace: a\u0000" + QUERY_TOKEN + "\r\n\r\n")).startsWith("HTTP/1.1 400");
        // the database goes away: each part that uses it logs its failure from its own thread, whose name the log shows
        postgres.close();
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("webhook worker for"));
        assertThat(pod.stop(30)).as("the pod stops on SIGTERM").isTrue();
        postgres = EmbeddedPostgres.builder().start();

        Files.writeString(webhooks, "[{\"url\": \"https://h.example.com/wa?token=" + QUERY_TOKEN + "\", \"secret\": "
                + SIGNING_SECRET + "}]");
        pod = startPod(webhooks);
        assertThat(pod.exitCode(90)).as("a malformed webhook list stops the pod").isPresent();
        pod = null;

        String output = Files.readString(log);
        assertThat(output).as("the run did what this test means to look at").contains("webhook worker for")
                .contains("not a JSON list of webhooks");
        for (String secret : SECRETS) {
            assertThat(output).as("the pod's output (%s)", log.toAbsolutePath()).doesNotContain(secret);
        }
    }

    private PodProcess startPod(Path webhooks) {
        Map<String, String> env = new HashMap<>(PodProcess.environment("secrets-it", "it", API_KEY, dataDir.resolve("keys"), postgres));
        env.put("QUARKUS_DATASOURCE_PASSWORD", DB_PASSWORD); // the embedded server trusts local connections: any password logs in
        env.put("KUBEZAP_WEBHOOKS_FILE", webhooks.toString());
        env.put("KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.1"); // the receiver: loopback, allowed as an in-cluster one would be
        env.put("KUBEZAP_WEBHOOK_RETRY_INITIAL_DELAY", "100ms");
        env.put("KUBEZAP_WEBHOOK_RETRY_MAX_DELAY", "300ms");
        int closedPort = PodProcess.freePort();
        return PodProcess.start(List.of("-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=" + closedPort,
                "-Dhttp.nonProxyHosts=127.0.0.1|localhost"), env, LOG_NAME);
    }

    /** Failed delivery attempts so far; 0 until the pod has migrated the schema. */
    private int failedAttempts() {
        try (var connection = postgres.getPostgresDatabase().getConnection();
             var query = connection.prepareStatement("select coalesce(sum(attempts), 0) from webhook_deliveries");
             var rows = query.executeQuery()) {
            return rows.next() ? rows.getInt(1) : 0;
        } catch (SQLException notMigratedYet) {
            return 0;
        }
    }

    /** A request no HTTP client sends (a NUL in a header), on a plain socket; the answer's first bytes. */
    private String rawRequest(String request) throws IOException {
        var url = java.net.URI.create(pod.baseUrl());
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
        }
    }
}
