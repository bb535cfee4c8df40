package io.kubezap.session.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.PairingMethod;
import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.config.WebhookSettings;
import io.kubezap.session.egress.AddressList;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A receiver that wants to know who calls gets it in each delivery: its static headers, a bearer token, basic auth,
 * or an OAuth2 client-credentials token the pod fetched (once, reused, fetched again after a 401), read from the
 * webhooks file the way the operator writes it (secrets in files next to it). Nothing secret shows in what the API or
 * the delivery log would show.
 */
class WebhookAuthTest {

    private static final String TOKEN = "bearer-token-7f3a9c";
    private static final String PASSWORD = "basic-password-51d2e8";
    private static final String CLIENT_SECRET = "client-secret-c0ffee42";

    private static Vertx vertx;
    private static WebhookReceiver receiver;
    private static final AtomicInteger tokensIssued = new AtomicInteger();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        receiver = new WebhookReceiver(io.kubezap.session.testing.PodProcess.freePort());
        receiver.answer("/oauth/token", request -> "{\"access_token\": \"access-" + tokensIssued.incrementAndGet()
                + "\", \"token_type\": \"Bearer\", \"expires_in\": 3600}");
    }

    @AfterAll
    static void stop() throws Exception {
        receiver.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void staticHeadersAndABearerTokenFromItsFileGoWithTheDelivery() throws Exception {
        Files.writeString(dir.resolve("0.credential"), TOKEN + "\n");
        WebhookEndpoint endpoint = load("""
                [{"url": "%s/bearer", "headers": {"X-Team": "sales", "X-Tenant": "loja"},
                  "auth": {"bearer": {"tokenFile": "0.credential"}}}]""".formatted(base())).getFirst();

        DeliveryAttempt attempt = send(endpoint);

        assertThat(attempt.delivered()).as(String.valueOf(attempt.error())).isTrue();
        var request = receiver.at("/bearer").getLast();
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(request.header("X-Team")).isEqualTo("sales");
        assertThat(request.header("X-Tenant")).isEqualTo("loja");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(endpoint.toString() + endpoint.auth()).doesNotContain(TOKEN);
    }

    @Test
    void basicAuthIsTheUserNameAndThePasswordFromItsFile() throws Exception {
        Files.writeString(dir.resolve("0.credential"), PASSWORD);
        WebhookEndpoint endpoint = load("""
                [{"url": "%s/basic", "auth": {"basic": {"username": "kubezap", "passwordFile": "0.credential"}}}]"""
                .formatted(base())).getFirst();

        assertThat(send(endpoint).delivered()).isTrue();

        String expected = Base64.getEncoder().encodeToString(("kubezap:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        assertThat(receiver.at("/basic").getLast().header("Authorization")).isEqualTo("Basic " + expected);
        assertThat(endpoint.auth().toString()).doesNotContain(PASSWORD);
    }

    @Test
    void anOAuth2TokenIsFetchedOnceReusedAndFetchedAgainAfterTheReceiverRefusesIt() throws Exception {
        Files.writeString(dir.resolve("0.credential"), CLIENT_SECRET);
        WebhookEndpoint endpoint = load("""
                [{"url": "%1$s/oauth-receiver", "auth": {"oauth2": {"tokenUrl": "%1$s/oauth/token", "clientId": "kubezap-loja",
                  "clientSecretFile": "0.credential", "scopes": ["events.write"]}}}]""".formatted(base())).getFirst();
        WebhookSender sender = sender();
        try {
            int before = receiver.at("/oauth/token").size();
            assertThat(sender.send(endpoint, "d-1", "message.received", "{}").delivered()).isTrue();
            assertThat(sender.send(endpoint, "d-2", "message.received", "{}").delivered()).isTrue();

            var tokenRequests = receiver.at("/oauth/token").subList(before, receiver.at("/oauth/token").size());
            assertThat(tokenRequests).as("one token for both deliveries").hasSize(1);
            String clientAuth = Base64.getEncoder().encodeToString(("kubezap-loja:" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
            assertThat(tokenRequests.getFirst().header("Authorization")).isEqualTo("Basic " + clientAuth);
            assertThat(tokenRequests.getFirst().body()).contains("grant_type=client_credentials").contains("scope=events.write");
            String first = receiver.at("/oauth-receiver").getLast().header("Authorization");
            assertThat(first).startsWith("Bearer access-");
            assertThat(receiver.at("/oauth-receiver").get(receiver.at("/oauth-receiver").size() - 2).header("Authorization"))
                    .isEqualTo(first);

            receiver.mode("/oauth-receiver", WebhookReceiver.Mode.FAIL_401);
            DeliveryAttempt refused = sender.send(endpoint, "d-3", "message.received", "{}");
            receiver.mode("/oauth-receiver", WebhookReceiver.Mode.OK);
            DeliveryAttempt retried = sender.send(endpoint, "d-3", "message.received", "{}");

            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(retried.delivered()).isTrue();
            assertThat(receiver.at("/oauth-receiver").getLast().header("Authorization")).startsWith("Bearer access-")
                    .isNotEqualTo(first);
            assertThat(refused.error() + endpoint.auth()).doesNotContain(CLIENT_SECRET);
        } finally {
            sender.close();
        }
    }

    @Test
    void aTokenEndpointThatFailsFailsTheAttemptWithoutTheSecret() throws Exception {
        Files.writeString(dir.resolve("0.credential"), CLIENT_SECRET);
        receiver.mode("/oauth/broken", WebhookReceiver.Mode.FAIL_500);
        WebhookEndpoint endpoint = load("""
                [{"url": "%1$s/never", "auth": {"oauth2": {"tokenUrl": "%1$s/oauth/broken", "clientId": "kubezap-loja",
                  "clientSecretFile": "0.credential"}}}]""".formatted(base())).getFirst();

        DeliveryAttempt attempt = send(endpoint);

        assertThat(attempt.delivered()).isFalse();
        assertThat(attempt.error()).startsWith("not sent: OAuth2 token endpoint").doesNotContain(CLIENT_SECRET);
        assertThat(receiver.at("/never")).isEmpty();
    }

    @Test
    void aHeaderTheDeliverySetsItselfOrAnAuthWithTwoKindsIsRefusedByName() throws Exception {
        assertThatThrownBy(() -> load("""
                [{"url": "%s/x", "headers": {"Authorization": "Bearer plain"}}]""".formatted(base())))
                .hasMessageContaining("entry 0: headers.Authorization: the delivery sets this header itself")
                .hasMessageNotContaining("plain");
        assertThatThrownBy(() -> load("""
                [{"url": "%s/x", "headers": {"webhook-signature": "v1,forged"}}]""".formatted(base())))
                .hasMessageContaining("headers.webhook-signature");
        assertThatThrownBy(() -> load("""
                [{"url": "%s/x", "auth": {"bearer": {"token": "t"}, "basic": {"username": "u", "password": "p"}}}]"""
                .formatted(base())))
                .hasMessageContaining("entry 0: auth takes exactly one of bearer, basic or oauth2");
        assertThatThrownBy(() -> load("""
                [{"url": "%s/x", "auth": {"bearer": {"tokenFile": "missing"}}}]""".formatted(base())))
                .hasMessageContaining("entry 0: auth.bearer.token's file cannot be read");
    }

    @Test
    void theWebhookViewShowsTheAuthKindAndHeaderNamesButNoSecretOrHeaderValue() throws Exception {
        Files.writeString(dir.resolve("0.credential"), PASSWORD);
        WebhookEndpoints endpoints = new WebhookEndpoints(load("""
                [{"url": "%s/basic?token=in-query", "headers": {"X-Team": "sales-value"},
                  "auth": {"basic": {"username": "kubezap", "passwordFile": "0.credential"}},
                  "filter": {"excludeChats": ["groups", "status"]}}]""".formatted(base())));

        List<WebhookView> views = endpoints.views(new io.kubezap.session.config.AdminEgressLists("", ""));
        String shown = new ObjectMapper().findAndRegisterModules().writeValueAsString(views);

        assertThat(views).singleElement().satisfies(view -> {
            assertThat(view.auth()).isEqualTo("basic");
            assertThat(view.headers()).containsExactly("X-Team");
            assertThat(view.filter().excludeChats()).containsExactly("groups", "status");
            assertThat(view.egressRefused()).contains("KUBEZAP_MEDIA_URL_ALLOW_LIST").contains("session.mediaUrlAllowList");
        });
        assertThat(shown).doesNotContain(PASSWORD).doesNotContain("sales-value").doesNotContain("in-query");
    }

    private List<WebhookEndpoint> load(String json) throws Exception {
        Path file = Files.writeString(dir.resolve("webhooks.json"), json);
        return WebhookEndpoints.load(file, new ObjectMapper());
    }

    private static String base() {
        return "http://127.0.0.1:" + receiver.port();
    }

    private static DeliveryAttempt send(WebhookEndpoint endpoint) {
        WebhookSender sender = sender();
        try {
            return sender.send(endpoint, "d-1", "message.received", "{}");
        } finally {
            sender.close();
        }
    }

    private static WebhookSender sender() {
        WebhookSettings settings = new SmallRyeConfigBuilder().withMapping(WebhookSettings.class, "kubezap.webhook")
                .withConverter(Duration.class, 200, new io.quarkus.runtime.configuration.DurationConverter())
                .withDefaultValues(Map.of("kubezap.webhook.timeout", "2s"))
                .build().getConfigMapping(WebhookSettings.class, "kubezap.webhook");
        return new WebhookSender(settings, () -> SESSION, vertx, null, new WebhookTargets(
                AddressList.of("KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.1"), AddressList.NONE));
    }

    private static final SessionSettings SESSION = new SessionSettings("loja-01", "default", "0123456789abcdef0",
            Path.of("data"), PairingMethod.QR, Optional.empty(), 30, Optional.empty(), false);
}
