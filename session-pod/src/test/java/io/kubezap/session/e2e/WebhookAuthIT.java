package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import io.kubezap.session.testing.PodProcess;
import io.kubezap.session.webhook.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks whose receivers want to know who calls, on the packaged pod against the simulator: one with basic auth,
 * static headers and a signature, one with a bearer token, one with an OAuth2 client-credentials token whose endpoint
 * fails at first. The secrets come as files next to the webhooks file, as the operator projects them. A customer
 * writes: each receiver gets the message event with its own Authorization header (the OAuth2 one once its token
 * endpoint answers). Then none of the secrets, nor the access token, is found in the pod's log (its own classes at
 * DEBUG), the webhook view, the delivery log, the metrics or the session's state. Run once per engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookAuthIT {

    private static final String OWNER = "5511999990256";
    private static final String CUSTOMER = "5511988880256";
    private static final String PASSWORD = "basic-pw-9d81f2c4";
    private static final String TOKEN = "bearer-tk-47ac19e0";
    private static final String CLIENT_SECRET = "client-sc-e5b3a7d6";
    private static final String SIGNING = "signing-raw-secret-0256";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;
    private WebhookReceiver webhooks;
    private final List<String> accessTokens = new ArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();

    @BeforeParameterizedClassInvocation
    void startAConnectedSessionWithThreeAuthenticatedWebhooks() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "webhook-auth-it-" + engine + "-");
        Path files = Files.createDirectories(workDir.resolve("webhooks"));
        webhooks = new WebhookReceiver(PodProcess.freePort());
        webhooks.answer("/token", request -> {
            String token = "access-" + engine + "-" + issued.incrementAndGet() + "-5f0e";
            accessTokens.add(token);
            return "{\"access_token\": \"" + token + "\", \"token_type\": \"Bearer\", \"expires_in\": 3600}";
        });
        webhooks.mode("/token", WebhookReceiver.Mode.FAIL_500);
        String base = "http://127.0.0.1:" + webhooks.port();
        Files.writeString(files.resolve("0"), SIGNING);
        Files.writeString(files.resolve("0.credential"), PASSWORD + "\n");
        Files.writeString(files.resolve("1.credential"), TOKEN);
        Files.writeString(files.resolve("2.credential"), CLIENT_SECRET);
        Path endpoints = Files.writeString(files.resolve("webhooks.json"), """
                [{"url": "%1$s/basic", "events": ["message.received"], "secretFile": "0",
                  "headers": {"X-Team": "sales"},
                  "auth": {"basic": {"username": "kubezap", "passwordFile": "0.credential"}}},
                 {"url": "%1$s/bearer", "events": ["message.received"],
                  "auth": {"bearer": {"tokenFile": "1.credential"}}},
                 {"url": "%1$s/oauth", "events": ["message.received"],
                  "auth": {"oauth2": {"tokenUrl": "%1$s/token", "clientId": "kubezap-loja",
                                      "clientSecretFile": "2.credential", "scopes": ["events.write"]}}},
                 {"url": "http://127.0.0.2:9/refused", "events": ["session.status"], "filter": {"excludeChats": ["groups"]}}]""".formatted(base));
        Path sinks = Files.writeString(files.resolve("sinks.json"), """
                [{"name": "local-nats", "kind": "NATS", "address": "nats://127.0.0.2:4222", "destination": "wa",
                  "filter": {"excludeChats": ["status"]}}]""");
        var environment = new HashMap<>(BaileysBridge.environment(engine));
        environment.putAll(Map.of("KUBEZAP_WEBHOOKS_FILE", endpoints.toString(),
                "KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.1",
                "KUBEZAP_WEBHOOK_RETRY_INITIAL_DELAY", "1s",
                "KUBEZAP_WEBHOOK_RETRY_MAX_DELAY", "2s",
                "KUBEZAP_EVENT_SINKS_FILE", sinks.toString(),
                "QUARKUS_LOG_CATEGORY__IO_KUBEZAP__LEVEL", "DEBUG"));
        world = PodAgainstSimulator.create(workDir, "loja-256", environment);
        world.startLinked(OWNER, CUSTOMER);
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        try (var closing = webhooks) {
            if (world != null) {
                world.close();
            }
        }
    }

    /**
     * Item 5: a receiver and a broker on a loopback address the allow-list does not name (127.0.0.2; the list has
     * 127.0.0.1) are shown refused, with their filters, naming the setting for local
     * mode and for a cluster.
     */
    @Test
    void aRefusedLocalReceiverAndBrokerSaySoWithTheSettingThatAllowsThem() {
        String webhooks = world.api().get("/webhooks").then().statusCode(200).extract().asString();
        String sinks = world.api().get("/sinks").then().statusCode(200).extract().asString();

        assertThat(webhooks).contains("\"url\":\"http://127.0.0.2:9/refused\"")
                .contains("add 127.0.0.2 to KUBEZAP_MEDIA_URL_ALLOW_LIST").contains("session.mediaUrlAllowList")
                .contains("\"excludeChats\":[\"groups\"]");
        assertThat(sinks).contains("\"name\":\"local-nats\"")
                .contains("add 127.0.0.2 to KUBEZAP_MEDIA_URL_ALLOW_LIST").contains("session-pod/kubezap-local")
                .contains("\"excludeChats\":[\"status\"]");
        assertThat(webhooks.split("\"egressRefused\":\"", -1)).as("only the refused webhook").hasSize(2);
    }

    @Test
    void eachReceiverGetsTheMessageWithItsOwnAuthorizationAndNoSecretShowsAnywhere() throws Exception {
        world.phoneWritesAndTheSessionStoresIt(CUSTOMER, OWNER, "Oi, quero falar com vendas");
        await().atMost(PATIENCE).until(() -> !webhooks.at("/basic").isEmpty() && !webhooks.at("/bearer").isEmpty());

        var basic = webhooks.at("/basic").getFirst();
        assertThat(basic.header("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString(("kubezap:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        assertThat(basic.header("X-Team")).isEqualTo("sales");
        assertThat(basic.header("webhook-signature")).as("signed alongside").startsWith("v1,");
        assertThat(basic.body()).contains("\"event\":\"message.received\"").contains("quero falar com vendas");
        assertThat(webhooks.at("/bearer").getFirst().header("Authorization")).isEqualTo("Bearer " + TOKEN);

        // the token endpoint failed: nothing reached the receiver, the delivery log says why
        await().atMost(PATIENCE).until(() -> webhooks.at("/token").size() >= 1);
        assertThat(webhooks.at("/oauth")).isEmpty();
        await().atMost(PATIENCE).until(() -> world.api().get("/webhooks/deliveries").then().extract().asString()
                .contains("OAuth2 token endpoint"));
        String failing = world.api().get("/webhooks/deliveries").then().extract().asString();
        assertThat(failing).doesNotContain(CLIENT_SECRET);
        webhooks.mode("/token", WebhookReceiver.Mode.OK);
        await().atMost(PATIENCE).until(() -> !webhooks.at("/oauth").isEmpty());
        assertThat(webhooks.at("/oauth").getFirst().header("Authorization")).isEqualTo("Bearer " + accessTokens.getLast());
        assertThat(webhooks.at("/oauth").getFirst().body()).contains("quero falar com vendas");

        String view = world.api().get("/webhooks").then().statusCode(200).extract().asString();
        assertThat(view).contains("\"auth\":\"basic\"", "\"auth\":\"bearer\"", "\"auth\":\"oauth2\"", "X-Team");
        List<String> secrets = new ArrayList<>(List.of(PASSWORD, TOKEN, CLIENT_SECRET, SIGNING));
        secrets.addAll(accessTokens);
        Map<String, String> shown = Map.of(
                "the pod's log", Files.readString(world.podLog()),
                "GET /webhooks", view,
                "the delivery log", world.api().get("/webhooks/deliveries").then().statusCode(200).extract().asString(),
                "the metrics", given().get(world.managementUrl() + "/q/metrics").then().statusCode(200).extract().asString(),
                "the session's state", world.state().prettify());
        shown.forEach((where, text) -> assertThat(text).as(where).doesNotContain(secrets.toArray(String[]::new)));
    }
}
