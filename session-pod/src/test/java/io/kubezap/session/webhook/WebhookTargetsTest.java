package io.kubezap.session.webhook;

import io.kubezap.session.config.SessionSettings;
import io.kubezap.contract.PairingMethod;
import io.kubezap.session.media.AddressList;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant writes its webhook URLs: one pointing at cloud metadata, or at an address the cluster admin denies, is
 * never called, and the delivery says why; nothing else changes (in-cluster receivers on private addresses work).
 */
class WebhookTargetsTest {

    private static Vertx vertx;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        receiver = new WebhookReceiver(io.kubezap.session.testing.PodProcess.freePort());
    }

    @AfterAll
    static void stop() throws Exception {
        receiver.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void cloudMetadataIsNeverAWebhookTarget() {
        DeliveryAttempt attempt = sender(Map.of()).send(endpoint("http://169.254.169.254/latest/meta-data/iam"),
                "d-1", "message.received", "{}");

        assertThat(attempt.delivered()).isFalse();
        assertThat(attempt.error()).contains("link-local");
    }

    @Test
    void whatTheClusterAdminDeniesIsNeverCalled() {
        DeliveryAttempt attempt = sender(Map.of("kubezap.webhook.deny-list", "127.0.0.0/8")).send(
                endpoint("http://127.0.0.1:" + receiver.port() + "/internal"), "d-2", "message.received", "{}");

        assertThat(attempt.delivered()).isFalse();
        assertThat(attempt.error()).contains("KUBEZAP_WEBHOOK_DENY_LIST");
        assertThat(receiver.at("/internal")).isEmpty();
    }

    @Test
    void anInClusterReceiverNotDeniedIsCalled() {
        DeliveryAttempt attempt = sender(Map.of("kubezap.webhook.deny-list", "10.96.0.0/12, kubernetes.default.svc"))
                .send(endpoint("http://127.0.0.1:" + receiver.port() + "/allowed"), "d-3", "message.received", "{}");

        assertThat(attempt.delivered()).as(String.valueOf(attempt.error())).isTrue();
        assertThat(new WebhookTargets(AddressList.of("KUBEZAP_WEBHOOK_DENY_LIST", List.of("kubernetes.default.svc")))
                .refusal(URI.create("https://KUBERNETES.default.svc/api"))).contains("denies");
    }

    private static WebhookSender sender(Map<String, String> properties) {
        WebhookSettings settings = new SmallRyeConfigBuilder().withMapping(WebhookSettings.class)
                .withConverter(Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter()).withDefaultValues(properties)
                .build().getConfigMapping(WebhookSettings.class);
        return new WebhookSender(settings, SESSION, vertx);
    }

    private static WebhookEndpoint endpoint(String url) {
        return new WebhookEndpoint(URI.create(url), Set.of(), Optional.empty());
    }

    private static final SessionSettings SESSION = new SessionSettings("loja-01", "default", "0123456789abcdef0",
            java.nio.file.Path.of("data"), PairingMethod.QR, Optional.empty(), 30, Optional.empty(), false);
}
