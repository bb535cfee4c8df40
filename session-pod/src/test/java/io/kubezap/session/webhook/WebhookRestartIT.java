package io.kubezap.session.webhook;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged session pod, run as a real process twice on one database: deliveries still pending when
 * the first process is stopped all reach the endpoint from the second, each with its original webhook-id
 * and body. The pod's WhatsApp engine has no route (proxy on a closed port), so the events are the
 * session's own status changes while it keeps retrying.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class WebhookRestartIT {

    private static final String API_KEY = "restart-it-key-0123456789";

    @TempDir
    Path dataDir;

    private EmbeddedPostgres postgres;
    private WebhookReceiver receiver;
    private Process pod;

    @BeforeEach
    void databaseAndReceiver() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        receiver = new WebhookReceiver(freePort());
        receiver.mode("/hook", WebhookReceiver.Mode.FAIL_500);
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (pod != null) {
            pod.destroyForcibly().waitFor();
        }
        receiver.close();
        postgres.close();
    }

    @Test
    void deliveriesPendingAtShutdownAreDeliveredAfterRestartWithTheSameIds() throws Exception {
        Path webhooks = Files.writeString(dataDir.resolve("webhooks.json"),
                "[{\"url\": \"http://127.0.0.1:" + receiverPort() + "/hook\", \"secret\": \"" + WebhookTestProfile.WHSEC + "\"}]");

        pod = startPod(webhooks);
        await().atMost(Duration.ofSeconds(90)).until(() -> pendingDeliveries().size() >= 2);
        stopPod();
        Map<String, String> pendingAtStop = pendingDeliveries();
        assertThat(pendingAtStop).isNotEmpty();

        int requestsBeforeRestart = receiver.at("/hook").size();
        receiver.mode("/hook", WebhookReceiver.Mode.OK);
        pod = startPod(webhooks);
        await().atMost(Duration.ofSeconds(90)).until(() -> deliveredIds().containsAll(pendingAtStop.keySet()));

        List<WebhookReceiver.Received> all = receiver.at("/hook");
        List<WebhookReceiver.Received> afterRestart = all.subList(requestsBeforeRestart, all.size());
        assertThat(afterRestart).extracting(r -> r.header("webhook-id")).containsAll(pendingAtStop.keySet());
        List<WebhookReceiver.Received> requests = all;
        for (Map.Entry<String, String> delivery : pendingAtStop.entrySet()) {
            assertThat(requests).filteredOn(r -> delivery.getKey().equals(r.header("webhook-id")))
                    .as("every attempt of %s carries the stored body", delivery.getKey())
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r.body()).isEqualTo(delivery.getValue()));
        }
    }

    private Process startPod(Path webhooks) throws IOException {
        String jar = System.getProperty("kubezap.sessionPodJar", "target/quarkus-app/quarkus-run.jar");
        int httpPort = freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=" + closedPort(),
                "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=" + closedPort(),
                "-Dhttp.nonProxyHosts=127.0.0.1|localhost",
                "-jar", jar);
        Map<String, String> env = builder.environment();
        env.putAll(Map.of(
                "KUBEZAP_SESSION", "restart-it",
                "KUBEZAP_NAMESPACE", "it",
                "KUBEZAP_API_KEY", API_KEY,
                "KUBEZAP_DATA_DIR", dataDir.resolve("keys").toString(),
                "KUBEZAP_WEBHOOKS_FILE", webhooks.toString(),
                "QUARKUS_HTTP_PORT", Integer.toString(httpPort),
                "QUARKUS_DATASOURCE_JDBC_URL", postgres.getJdbcUrl("postgres", "postgres"),
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "postgres"));
        env.putAll(Map.of(
                "KUBEZAP_WEBHOOK_RETRY_INITIAL_DELAY", "100ms",
                "KUBEZAP_WEBHOOK_RETRY_MAX_DELAY", "500ms",
                "KUBEZAP_WEBHOOK_MAX_ATTEMPTS", "1000"));
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/webhook-restart-it-pod.log")));
        return builder.start();
    }

    private void stopPod() throws InterruptedException {
        pod.destroy();
        assertThat(pod.waitFor(30, TimeUnit.SECONDS)).as("pod stops on SIGTERM").isTrue();
        pod = null;
    }

    private Map<String, String> pendingDeliveries() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "select id, payload from webhook_deliveries where status = 'pending'")) {
            Map<String, String> pending = new HashMap<>();
            while (rs.next()) {
                pending.put(rs.getString("id"), rs.getString("payload"));
            }
            return pending;
        } catch (SQLException e) {
            return Map.of(); // the schema is not migrated yet
        }
    }

    private java.util.Set<String> deliveredIds() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "select id from webhook_deliveries where status = 'delivered'")) {
            java.util.Set<String> delivered = new java.util.HashSet<>();
            while (rs.next()) {
                delivered.add(rs.getString("id"));
            }
            return delivered;
        }
    }

    private int receiverPort() {
        return receiver.port();
    }

    private static int closedPort() throws IOException {
        return freePort();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
