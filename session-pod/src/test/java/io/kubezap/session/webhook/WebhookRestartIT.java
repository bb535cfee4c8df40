package io.kubezap.session.webhook;

import io.kubezap.session.testing.PodProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
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
    private PodProcess pod;

    @BeforeEach
    void databaseAndReceiver() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        receiver = new WebhookReceiver(PodProcess.freePort());
        receiver.mode("/hook", WebhookReceiver.Mode.FAIL_500);
    }

    @AfterEach
    void stopEverything() throws Exception {
        if (pod != null) {
            pod.close();
        }
        receiver.close();
        postgres.close();
    }

    @Test
    void deliveriesPendingAtShutdownAreDeliveredAfterRestartWithTheSameIds() throws Exception {
        Path webhooks = Files.writeString(dataDir.resolve("webhooks.json"),
                "[{\"url\": \"http://127.0.0.1:" + receiver.port() + "/hook\", \"secret\": \"" + WebhookTestProfile.WHSEC + "\"}]");

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

    private PodProcess startPod(Path webhooks) {
        int closedPort = PodProcess.freePort();
        Map<String, String> env = new HashMap<>(PodProcess.environment("restart-it", "it", API_KEY, dataDir.resolve("keys"), postgres));
        env.putAll(Map.of(
                "KUBEZAP_WEBHOOKS_FILE", webhooks.toString(),
                "KUBEZAP_WEBHOOK_RETRY_INITIAL_DELAY", "100ms",
                "KUBEZAP_WEBHOOK_RETRY_MAX_DELAY", "500ms",
                "KUBEZAP_WEBHOOK_MAX_ATTEMPTS", "1000",
                "KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.1")); // the receiver: loopback, allowed as an in-cluster one would be
        return PodProcess.start(List.of(
                "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=" + closedPort,
                "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=" + closedPort,
                "-Dhttp.nonProxyHosts=127.0.0.1|localhost"), env, "webhook-restart-it-pod");
    }

    private void stopPod() throws InterruptedException {
        assertThat(pod.stop(30)).as("pod stops on SIGTERM").isTrue();
        pod = null;
    }

    private Map<String, String> pendingDeliveries() {
        return deliveries("pending");
    }

    private java.util.Set<String> deliveredIds() {
        return deliveries("delivered").keySet();
    }

    /** Payload by delivery id; empty until the pod has migrated the schema. */
    private Map<String, String> deliveries(String status) {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             var query = c.prepareStatement("select id, payload from webhook_deliveries where status = ?")) {
            query.setString(1, status);
            Map<String, String> found = new HashMap<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString("id"), rs.getString("payload"));
                }
            }
            return found;
        } catch (SQLException notMigratedYet) {
            return Map.of();
        }
    }

}
