package io.kubezap.session.webhook;

import io.kubezap.contract.PairingMethod;
import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.config.WebhookSettings;
import io.kubezap.session.egress.AddressList;
import io.kubezap.session.egress.EgressRule;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tenant writes its webhook URLs, and reads what came of each delivery: aimed at cloud metadata, loopback, the
 * cluster's private ranges, a name resolving there, or through a redirect, nothing is sent and the delivery says why.
 * Only what the cluster admin allows among private addresses is called, on the very address that was checked.
 */
class WebhookTargetsTest {

    private static final String ALLOW_LIST = "KUBEZAP_MEDIA_URL_ALLOW_LIST";

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
        DeliveryAttempt attempt = send(targets("", ""), "http://169.254.169.254/latest/meta-data/iam");

        assertThat(attempt.delivered()).isFalse();
        assertThat(attempt.error()).startsWith("not sent: ").contains("link-local");
    }

    @Test
    void loopbackAndTheClustersPrivateRangesAreRefusedAndNothingIsSent() {
        DeliveryAttempt loopback = send(targets("", ""), local("/internal"));
        DeliveryAttempt clusterRange = send(targets("", ""), "http://10.96.0.1:443/api/v1/secrets");

        assertThat(loopback.delivered()).isFalse();
        assertThat(loopback.statusCode()).isNull();
        assertThat(loopback.error()).startsWith("not sent: ").contains("private, loopback or link-local")
                .contains("kubezap.session.media-url-allow-list");
        assertThat(receiver.at("/internal")).isEmpty();
        assertThat(clusterRange.error()).startsWith("not sent: ").contains("10.96.0.1");
    }

    @Test
    void aNameThatResolvesToLoopbackIsRefused() {
        DeliveryAttempt localhost = send(targets("", ""), "http://localhost:" + receiver.port() + "/by-name");
        DeliveryAttempt attackers = send(new WebhookTargets(rule("", "", host -> addresses("127.0.0.1"))),
                "http://hooks.attacker.example:" + receiver.port() + "/by-name");

        assertThat(localhost.error()).startsWith("not sent: ").contains("localhost");
        assertThat(attackers.error()).startsWith("not sent: ").contains("hooks.attacker.example");
        assertThat(receiver.at("/by-name")).isEmpty();
    }

    @Test
    void aRedirectIsNeverFollowedAndItsBodyNeverShown() {
        receiver.redirect("/moved", local("/behind-the-redirect"));
        // the cluster admin allows this receiver by name, not the loopback address it redirects to
        WebhookTargets targets = new WebhookTargets(rule("redirector.test", "", host -> addresses("127.0.0.1")));

        DeliveryAttempt attempt = send(targets, "http://redirector.test:" + receiver.port() + "/moved");

        assertThat(attempt.delivered()).isFalse();
        assertThat(attempt.statusCode()).isEqualTo(302);
        assertThat(String.valueOf(attempt.error())).doesNotContain("moved to");
        assertThat(receiver.at("/moved")).hasSize(1);
        assertThat(receiver.at("/behind-the-redirect")).isEmpty();
    }

    /** DNS rebinding: the name answers an allowed address to the check, cloud metadata afterwards. */
    @Test
    void theAddressCheckedIsTheAddressConnectedTo() {
        AtomicInteger lookups = new AtomicInteger();
        WebhookTargets targets = new WebhookTargets(rule("127.0.0.1/32", "",
                host -> addresses(lookups.getAndIncrement() == 0 ? "127.0.0.1" : "169.254.169.254")));

        DeliveryAttempt attempt = send(targets, "http://receiver.rebind.test:" + receiver.port() + "/rebind");

        assertThat(attempt.delivered()).as(String.valueOf(attempt.error())).isTrue();
        assertThat(lookups).hasValue(1);
        assertThat(receiver.at("/rebind")).singleElement()
                .satisfies(request -> assertThat(request.header("Host")).isEqualTo("receiver.rebind.test:" + receiver.port()));
    }

    @Test
    void whatTheClusterAdminDeniesIsNeverCalledEvenWhenAllowed() {
        DeliveryAttempt attempt = send(targets("127.0.0.0/8", "127.0.0.1"), local("/denied"));

        assertThat(attempt.delivered()).isFalse();
        assertThat(attempt.error()).contains("KUBEZAP_WEBHOOK_DENY_LIST");
        assertThat(receiver.at("/denied")).isEmpty();
        assertThat(targets("", "kubernetes.default.svc").target(URI.create("https://KUBERNETES.default.svc/api")).refusal())
                .contains("denies");
    }

    @Test
    void aRefusedLoopbackReceiverIsToldWithTheSettingThatAllowsItForLocalModeAndForTheCluster() {
        DeliveryAttempt attempt = send(targets("", ""), local("/local-receiver"));

        assertThat(attempt.error()).contains("127.0.0.1")
                .contains("add 127.0.0.1 to KUBEZAP_MEDIA_URL_ALLOW_LIST")
                .contains("session-pod/kubezap-local")
                .contains("session.mediaUrlAllowList");
        assertThat(receiver.at("/local-receiver")).isEmpty();
    }

    @Test
    void anInClusterReceiverTheClusterAdminAllowsIsCalled() {
        DeliveryAttempt attempt = send(targets("10.96.0.0/12, 127.0.0.1", "kubernetes.default.svc"), local("/allowed"));

        assertThat(attempt.delivered()).as(String.valueOf(attempt.error())).isTrue();
        assertThat(receiver.at("/allowed")).hasSize(1);
    }

    private static String local(String path) {
        return "http://127.0.0.1:" + receiver.port() + path;
    }

    private static WebhookTargets targets(String allowed, String denied) {
        return new WebhookTargets(AddressList.of(ALLOW_LIST, allowed), AddressList.of(WebhookTargets.DENY_LIST, denied));
    }

    private static EgressRule rule(String allowed, String denied, EgressRule.Resolver resolver) {
        return new EgressRule(AddressList.of(ALLOW_LIST, allowed), AddressList.of(WebhookTargets.DENY_LIST, denied),
                WebhookTargets.DENY_LIST, resolver);
    }

    private static InetAddress[] addresses(String literal) throws UnknownHostException {
        return new InetAddress[] {InetAddress.getByName(literal)};
    }

    private static DeliveryAttempt send(WebhookTargets targets, String url) {
        WebhookSettings settings = new SmallRyeConfigBuilder().withMapping(WebhookSettings.class, "kubezap.webhook")
                .withConverter(Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withDefaultValues(Map.of("kubezap.webhook.timeout", "2s"))
                .build().getConfigMapping(WebhookSettings.class, "kubezap.webhook");
        WebhookSender sender = new WebhookSender(settings, () -> SESSION, vertx, null, targets);
        try {
            return sender.send(new WebhookEndpoint(URI.create(url), Set.of(), Optional.empty()), "d-1", "message.received", "{}");
        } finally {
            sender.close();
        }
    }

    private static final SessionSettings SESSION = new SessionSettings("loja-01", "default", "0123456789abcdef0",
            java.nio.file.Path.of("data"), PairingMethod.QR, Optional.empty(), 30, Optional.empty(), false);
}
