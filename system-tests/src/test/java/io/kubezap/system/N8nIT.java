package io.kubezap.system;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kubezap.api.v1alpha1.SessionPhase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real n8n (from npm, src/test/n8n's package-lock.json) with the community package n8n-nodes-kubezap
 * (integrations/n8n-nodes-kubezap, built by {@code npm run build}) runs the workflow a user imports from the package's
 * examples: "when a message arrives, reply with its text reversed". Its kubezap Trigger is the session's webhook
 * (spec.webhooks, signed with a Secret's value that the n8n credential holds too), its kubezap node sends the reply
 * through the gateway to a real session pod linked to the simulated WhatsApp; the customer's phone sees the reversed
 * text. Deliveries with a wrong, missing or stale signature are refused (401) and start nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class N8nIT {

    static final String SESSION = "automacoes";
    static final String OWNER = "5511988880701";
    static final String CUSTOMER = "5511977770702";
    static final String ADMIN_KEY = "gateway-key-of-the-n8n-test";
    static final String N8N_KEY = "gateway-key-of-n8n";
    static final String SIGNING_SECRET = "whsec_" + java.util.Base64.getEncoder()
            .encodeToString("the n8n trigger's signing secret".getBytes(StandardCharsets.UTF_8));
    /** The trigger's webhookId in the example workflow: its production URL is /webhook/{webhookId}/webhook. */
    static final String WEBHOOK_ID = "7d7f3c52-8f4e-4a0e-9d38-6b1f2b6a0c01";
    static final Path WORKFLOW = N8nInstance.PACKAGE.resolve("examples/reply-reversed.workflow.json");

    private final TheSystem system = TheSystem.get();
    // HTTP/1.1 as the session pod's webhook sender speaks it: n8n's server leaves a request offering an h2c upgrade unanswered
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY)
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private N8nInstance n8n;
    private URI trigger;

    @BeforeAll
    void n8nWithTheWorkflowActiveAndALinkedSessionDeliveringToIt() throws Exception {
        assumeTrue(N8nInstance.installed() || System.getenv("CI") != null,
                "not installed here: cd system-tests/src/test/n8n && npm ci; cd integrations/n8n-nodes-kubezap && npm ci && npm run build");
        URI gateway = system.gateways().get(0);
        system.gatewayKey("n8n-admin-key", ADMIN_KEY, "admin", "*");
        system.gatewayKey("n8n-key", N8N_KEY, "send", TheSystem.NAMESPACE);

        int port = freePort();
        Path folder = Files.createDirectories(system.workDir().resolve("n8n"));
        n8n = N8nInstance.prepare(folder, port, freePort(), "localhost", databasePort(), n8nDatabase(),
                system.workDir().resolve("n8n.log"));
        trigger = n8n.base().resolve("/webhook/" + WEBHOOK_ID + "/webhook");
        long imported = System.nanoTime();
        importAndActivateTheWorkflow(gateway);
        n8n.start();
        TheSystem.await("n8n serving the trigger's production webhook", () -> {
            assertThat(n8n.isAlive()).as("n8n is running (see n8n.log)").isTrue();
            return post(trigger, "{}", Map.of()).statusCode() == 401;
        });
        System.out.printf("N8nIT: n8n imported, activated and started in %d s%n",
                Duration.ofNanos(System.nanoTime() - imported).toSeconds());

        system.control("POST", "/api/phones", Map.of("number", OWNER, "pushName", "Loja das automações"));
        system.control("POST", "/api/phones", Map.of("number", CUSTOMER, "pushName", "Cliente do n8n"));
        system.client().resource(new SecretBuilder()
                .withNewMetadata().withName("n8n-hooks").withNamespace(TheSystem.NAMESPACE)
                .withLabels(Map.of("kubezap.io/session-secret", "true")).endMetadata()
                .withStringData(Map.of("signing-secret", SIGNING_SECRET)).build()).create();
        linkedWithTheTriggerAsWebhook(gateway);
    }

    @AfterAll
    void stopN8n() throws InterruptedException {
        if (n8n != null) {
            n8n.close();
        }
    }

    @Test
    void aMessageFromThePhoneIsAnsweredByTheWorkflowWithItsTextReversed() {
        system.control("POST", "/api/phones/" + CUSTOMER + "/messages", Map.of("to", OWNER, "text", "Bom dia, n8n!"));

        TheSystem.await("the customer's phone to receive the reversed text",
                () -> system.inboxHas(CUSTOMER, "!n8n ,aid moB"));
    }

    @Test
    void deliveriesWithoutTheRightSignatureAreRefusedAndStartNothing() throws Exception {
        String forged = delivery("forjado");
        String id = "msg_forged_" + System.nanoTime();
        long now = Instant.now().getEpochSecond();
        var wrongKey = new com.standardwebhooks.Webhook("whsec_" + java.util.Base64.getEncoder()
                .encodeToString("somebody else's secret".getBytes(StandardCharsets.UTF_8)));

        assertThat(post(trigger, forged, Map.of()).statusCode()).as("no signature").isEqualTo(401);
        assertThat(post(trigger, forged, signed(wrongKey, id, now, forged)).statusCode()).as("another key")
                .isEqualTo(401);
        var rightKey = new com.standardwebhooks.Webhook(SIGNING_SECRET);
        assertThat(post(trigger, forged, signed(rightKey, id, now - 600, forged)).statusCode())
                .as("signed ten minutes ago (a replay)").isEqualTo(401);
        String altered = forged.replace("forjado", "alterado");
        assertThat(post(trigger, altered, signed(rightKey, id, now, forged)).statusCode())
                .as("the body changed after signing").isEqualTo(401);

        // the same delivery rightly signed passes: the workflow answers it, and only it, at the phone
        String genuine = delivery("assinado");
        assertThat(post(trigger, genuine, signed(rightKey, "msg_signed_" + System.nanoTime(), now, genuine))
                .statusCode()).isEqualTo(200);
        TheSystem.await("the reply to the rightly signed delivery", () -> system.inboxHas(CUSTOMER, "odanissa"));
        assertThat(system.inboxHas(CUSTOMER, "odajrof")).as("a refused delivery was answered").isFalse();
        assertThat(system.inboxHas(CUSTOMER, "odaretla")).as("a refused delivery was answered").isFalse();
    }

    /** The session's webhook to the trigger: created through the gateway with it, linked by the owner's phone. */
    private void linkedWithTheTriggerAsWebhook(URI gateway) throws Exception {
        ObjectNode body = TheSystem.JSON.createObjectNode().put("name", SESSION).put("namespace", TheSystem.NAMESPACE);
        body.putObject("pairing").put("method", "QR");
        ObjectNode hook = body.putArray("webhooks").addObject().put("url", trigger.toString());
        hook.putArray("events").add("message.received");
        hook.putObject("secretRef").put("name", "n8n-hooks").put("key", "signing-secret");
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(gateway.resolve("/api/v1/sessions"))
                .header("X-Api-Key", ADMIN_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String qr = system.awaitQr(SESSION, "a QR", code -> true);
        system.control("POST", "/api/phones/" + OWNER + "/scan", Map.of("qr", qr));
        system.awaitSession(SESSION, "Connected", s -> s.getStatus().getPhase() == SessionPhase.Connected);
    }

    /**
     * The n8n CLI as an operator runs it before starting n8n: the credential (the gateway's URL, n8n's key, the
     * webhook signing secret), the example workflow, and its activation.
     */
    private void importAndActivateTheWorkflow(URI gateway) throws Exception {
        Path credentials = n8n.userFolder().resolve("kubezap-credential.json");
        Files.writeString(credentials, TheSystem.JSON.writeValueAsString(List.of(Map.of(
                "id", "kzGatewayCred001", "name", "kubezap gateway", "type", "kubezapApi",
                "data", Map.of("baseUrl", gateway.toString(), "authentication", "apiKey", "apiKey", N8N_KEY,
                        "webhookSecret", SIGNING_SECRET)))));
        n8n.cli("import:credentials", "--input=" + credentials);
        n8n.cli("import:workflow", "--input=" + WORKFLOW);
        n8n.cli("publish:workflow", "--id=kzReverseReply01");
    }

    /** A message.received delivery of the test's session from the customer, as the pod's webhooks send one. */
    private static String delivery(String text) {
        ObjectNode body = TheSystem.JSON.createObjectNode().put("event", "message.received").put("session", SESSION)
                .put("namespace", TheSystem.NAMESPACE).put("timestamp", Instant.now().toString())
                .put("deliveryId", "msg_" + System.nanoTime());
        body.putObject("data").put("id", java.util.UUID.randomUUID().toString())
                .put("chat", CUSTOMER + "@s.whatsapp.net").put("from", CUSTOMER + "@s.whatsapp.net")
                .put("type", "text").put("direction", "in").put("text", text);
        return body.toString();
    }

    private static Map<String, String> signed(com.standardwebhooks.Webhook key, String id, long seconds, String body)
            throws Exception {
        return Map.of("webhook-id", id, "webhook-timestamp", Long.toString(seconds),
                "webhook-signature", key.sign(id, seconds, body));
    }

    private HttpResponse<String> post(URI uri, String body, Map<String, String> headers) throws Exception {
        var request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A database of n8n's own in the system's PostgreSQL (n8n's production setting: DB_TYPE=postgresdb). */
    private String n8nDatabase() throws Exception {
        try (var connection = system.database(); var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE n8n");
        }
        return "n8n";
    }

    private int databasePort() throws Exception {
        try (var connection = system.database()) {
            return URI.create(connection.getMetaData().getURL().substring("jdbc:".length())).getPort();
        }
    }

    private static int freePort() throws java.io.IOException {
        try (var free = new java.net.ServerSocket(0)) {
            return free.getLocalPort();
        }
    }
}
