package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.testing.PodProcess;
import io.kubezap.session.webhook.WebhookReceiver;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static io.kubezap.session.e2e.PodAgainstSimulator.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The pod is killed (SIGKILL, nothing flushed on the way out) while customers keep writing: WhatsApp
 * holds what arrives for the session's device and hands it over at the next login. After the restart
 * every text is stored once, in the order it was sent, announced once (event and webhook), and a
 * receipt that arrived meanwhile moves the status of the text it names.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfflineRestartIT {

    private static final String OWNER = "5511999990006";
    private static final String CUSTOMER = "5511988880007";
    private static final int TEXTS = 50;

    @Parameter
    EngineKind engine;

    private Path workDir;

    private final ObjectMapper json = new ObjectMapper();
    private PodAgainstSimulator world;
    private WebhookReceiver webhooks;
    private int device;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        workDir = Files.createTempDirectory(Path.of("target"), "offline-restart-it-" + engine + "-");
        webhooks = new WebhookReceiver(PodProcess.freePort());
        Path endpoints = Files.writeString(workDir.resolve("webhooks.json"),
                "[{\"url\": \"http://127.0.0.1:" + webhooks.port() + "/hook\", \"events\": [\"message.received\"]}]");
        world = PodAgainstSimulator.create(workDir, "loja-06", BaileysBridge.environment(engine, Map.of("KUBEZAP_WEBHOOKS_FILE", endpoints.toString(),
                "KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.1", // the receiver: loopback, allowed as an in-cluster one would be
                // Cobalt's ignored failures (a message that does not decrypt) are logged at debug
                "QUARKUS_LOG_CATEGORY__IO_KUBEZAP_SESSION_ENGINE__LEVEL", "DEBUG")));
        world.createPhone(OWNER, "Loja");
        world.createPhone(CUSTOMER, "Cliente");
        world.startPod();
        device = world.scanCurrentQr(OWNER);
        world.awaitPhase("Connected");
        await().atMost(PATIENCE).until(() -> world.state().getString("account.pushName"), equalTo("Loja"));
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        try (var closing = webhooks) {
            if (world != null) {
                world.close();
            }
        }
    }

    @Test
    void textsAndReceiptsThatArriveWhileThePodIsDeadAreStoredOnceInOrderAfterItsRestart() throws Exception {
        String sentId = world.api().body(Map.of("to", CUSTOMER, "text", "Seu pedido está pronto")).post("/messages")
                .then().statusCode(202).extract().path("id");
        String waMessageId = await().atMost(PATIENCE).until(() -> message(sentId), m -> "sent".equals(m.getString("status")))
                .getString("waMessageId");
        await().atMost(PATIENCE).until(() -> world.control().get("/api/phones/" + CUSTOMER + "/messages").jsonPath().getList("id"),
                ids -> ids.contains(waMessageId));

        world.killPod();
        await().atMost(PATIENCE).until(() -> world.control().get("/api/phones/" + OWNER).jsonPath()
                .getBoolean("devices.find { it.deviceId == " + device + " }.connected"), equalTo(false));

        List<String> texts = IntStream.rangeClosed(1, TEXTS).mapToObj(n -> String.format("Mensagem %02d", n)).toList();
        List<String> waIds = new ArrayList<>();
        for (String text : texts) {
            waIds.add(world.control().body(Map.of("to", OWNER, "text", text)).post("/api/phones/" + CUSTOMER + "/messages")
                    .then().statusCode(202).extract().path("id"));
        }
        world.control().body(Map.of("messageId", waMessageId, "type", "delivery"))
                .post("/api/phones/" + CUSTOMER + "/receipts").then().statusCode(202);
        assertThat(world.control().get("/api/phones/" + OWNER + "/devices/" + device + "/queue").jsonPath().getList("id"))
                .hasSize(TEXTS + 1);

        world.startPod();
        world.awaitPhase("Connected");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(incomingTexts()).as(this::whatTheDeviceSent).hasSizeGreaterThanOrEqualTo(TEXTS));
        await().atMost(PATIENCE).until(() -> message(sentId).getString("status"), equalTo("delivered"));
        await().atMost(PATIENCE).until(() -> receivedWebhooks().size() >= TEXTS);
        await().atMost(PATIENCE).until(() -> world.control().get("/api/phones/" + OWNER + "/devices/" + device + "/queue")
                .jsonPath().getList("id").isEmpty());

        List<Map<String, Object>> stored = incomingMessages();
        assertThat(stored).extracting(m -> m.get("text")).containsExactlyElementsOf(texts);
        assertThat(stored).extracting(m -> m.get("waMessageId")).containsExactlyElementsOf(waIds);
        List<Object> storedIds = stored.stream().map(m -> m.get("id")).toList();
        assertThat(world.events("message.received")).extracting(event -> payload(event).get("id"))
                .filteredOn(storedIds::contains).hasSize(TEXTS).doesNotHaveDuplicates();
        assertThat(receivedWebhooks()).hasSize(TEXTS).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                storedIds.stream().map(String::valueOf).toList());
        assertThat(message(sentId).getList("statusHistory.status")).containsSubsequence("queued", "sent", "delivered");
    }

    /** The simulator's view of the session's device: what it sent, tag and id, for failure messages. */
    private String whatTheDeviceSent() {
        List<Map<String, Object>> nodes = world.control().get("/api/phones/" + OWNER + "/devices/" + device + "/nodes").jsonPath().getList("$");
        return "device nodes " + nodes.stream().map(node -> node.get("tag") + String.valueOf(node.get("attributes"))).toList()
                + "; queue " + world.control().get("/api/phones/" + OWNER + "/devices/" + device + "/queue").asString();
    }

    /** The session's incoming messages, oldest first. */
    private List<Map<String, Object>> incomingMessages() {
        List<Map<String, Object>> newestFirst = world.api().queryParam("direction", "in").queryParam("limit", 200)
                .get("/messages").then().statusCode(200).extract().jsonPath().getList("items");
        return newestFirst.reversed();
    }

    private List<Object> incomingTexts() {
        return incomingMessages().stream().map(m -> m.get("text")).toList();
    }

    /** The pod message ids that {@code message.received} webhooks named, in arrival order. */
    private List<String> receivedWebhooks() {
        return webhooks.at("/hook").stream().map(request -> {
            try {
                JsonNode body = json.readTree(request.body());
                return body.get("event").asText().equals("message.received") ? body.path("data").path("id").asText() : null;
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }).filter(id -> id != null).toList();
    }

    private JsonPath message(String id) {
        return world.api().get("/messages/" + id).then().statusCode(200).extract().jsonPath();
    }
}
