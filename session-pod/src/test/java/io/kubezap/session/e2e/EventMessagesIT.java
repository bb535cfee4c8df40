package io.kubezap.session.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.contract.EngineKind;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * WhatsApp's calendar events between the packaged pod and a simulated phone: an event created through
 * {@code POST /events} (WAHA's request) reaches the phone as an {@code eventMessage} whose card the phone's app shows
 * (its checks find no problem), the guest's answers come back as {@code event.response} events and in
 * {@code GET /messages/{id}}, and the creator's edit and cancellation change the phone's card. On both engines.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventMessagesIT {

    private static final String OWNER = "5511999990071";
    private static final String CUSTOMER = "5511988880071";
    private static final String CUSTOMER_JID = CUSTOMER + "@s.whatsapp.net";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;
    private WebhookReceiver webhooks;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "event-messages-it-" + engine + "-");
        webhooks = new WebhookReceiver(PodProcess.freePort());
        Path endpoints = Files.writeString(workDir.resolve("webhooks.json"), "[{\"url\": \"http://127.0.0.1:" + webhooks.port()
                + "/hook\", \"events\": [\"event.response\", \"message.edited\"]}]");
        var environment = new HashMap<>(BaileysBridge.environment(engine));
        environment.put("KUBEZAP_WEBHOOKS_FILE", endpoints.toString());
        environment.put("KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.1"); // the receiver: loopback, allowed as an in-cluster one would be
        world = PodAgainstSimulator.create(workDir, "agenda-71", environment);
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

    @Test
    void anEventReachesThePhoneItsAnswersComeBackAndItsCreatorEditsAndCancelsIt() {
        long start = Instant.now().plusSeconds(86_400).getEpochSecond();
        String id = world.api().body(Map.of("chatId", CUSTOMER, "event", Map.of("name", "Revisão do carro",
                        "description", "Traga o manual", "startTime", start, "endTime", start + 3600,
                        "location", Map.of("name", "Oficina Centro"), "joinLink", "https://call.whatsapp.com/video/Ab12Cd34Ef",
                        "extraGuestsAllowed", true)))
                .post("/events").then().statusCode(202).body("type", equalTo("event"))
                .body("event.name", equalTo("Revisão do carro")).extract().path("id");

        String waId = world.awaitSent(id);
        JsonPath card = JsonPath.from(toJson(world.awaitAtPhone(CUSTOMER, waId)));
        assertThat(card.getString("type")).isEqualTo("event");
        assertThat(card.getList("event.problems")).as("what the phone's app checks of the event").isEmpty();
        assertThat(card.getString("event.name")).isEqualTo("Revisão do carro");
        assertThat(card.getString("event.description")).isEqualTo("Traga o manual");
        assertThat(card.getString("event.location")).isEqualTo("Oficina Centro");
        assertThat(card.getString("event.joinLink")).isEqualTo("https://call.whatsapp.com/video/Ab12Cd34Ef");
        assertThat(card.getLong("event.startTime")).isEqualTo(start);
        assertThat(card.getLong("event.endTime")).isEqualTo(start + 3600);
        assertThat(card.getBoolean("event.extraGuestsAllowed")).isTrue();

        respond(waId, "GOING");
        await().atMost(PATIENCE).untilAsserted(() -> world.api().get("/messages/" + id).then().statusCode(200)
                .body("eventResponses", hasSize(1))
                .body("eventResponses[0].responder", equalTo(CUSTOMER_JID))
                .body("eventResponses[0].response", equalTo("GOING")));
        respond(waId, "MAYBE");
        await().atMost(PATIENCE).untilAsserted(() -> world.api().get("/messages/" + id).then()
                .body("eventResponses", hasSize(1)).body("eventResponses[0].response", equalTo("MAYBE")));
        JsonNode answered = awaitWebhook("event.response", id, "MAYBE");
        assertThat(answered.path("data").path("responder").asText()).isEqualTo(CUSTOMER_JID);
        assertThat(answered.path("data").path("event").path("name").asText()).isEqualTo("Revisão do carro");

        world.api().body(Map.of("name", "Revisão do carro (novo horário)", "startTime", start + 7200, "endTime", start + 10_800))
                .patch("/events/" + id).then().statusCode(200).body("event.name", equalTo("Revisão do carro (novo horário)"))
                .body("event.description", equalTo("Traga o manual"));
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonPath now = JsonPath.from(toJson(world.awaitAtPhone(CUSTOMER, waId)));
            assertThat(now.getString("event.name")).isEqualTo("Revisão do carro (novo horário)");
            assertThat(now.getLong("event.startTime")).isEqualTo(start + 7200);
            assertThat(now.getString("event.description")).isEqualTo("Traga o manual");
            assertThat(now.getBoolean("event.canceled")).isFalse();
        });

        world.api().post("/events/" + id + "/cancel").then().statusCode(200).body("event.canceled", equalTo(true));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(JsonPath.from(toJson(world.awaitAtPhone(CUSTOMER, waId)))
                .getBoolean("event.canceled")).isTrue());
        world.api().get("/messages/" + id).then().body("event.canceled", equalTo(true))
                .body("eventResponses[0].response", equalTo("MAYBE"));
    }

    @Test
    void anEventThatEndsBeforeItStartsIsRefusedWithTheField() {
        long start = Instant.now().plusSeconds(86_400).getEpochSecond();
        world.api().body(Map.of("chatId", CUSTOMER, "event", Map.of("name", "Ao contrário", "startTime", start, "endTime", start - 60)))
                .post("/events").then().statusCode(400).body("errors.field", equalTo(List.of("event.endTime")));
        world.api().body(Map.of("chatId", CUSTOMER, "event", Map.of("name", "Link qualquer", "startTime", start,
                        "joinLink", "https://example.com/meet")))
                .post("/events").then().statusCode(400).body("errors.field", equalTo(List.of("event.joinLink")));
    }

    private void respond(String waId, String answer) {
        world.control().body(Map.of("response", answer)).post("/api/phones/" + CUSTOMER + "/messages/" + waId + "/responses")
                .then().statusCode(202);
    }

    private JsonNode awaitWebhook(String event, String messageId, String response) {
        return await().atMost(PATIENCE).until(() -> webhooks.jsonAt("/hook").stream()
                .filter(body -> event.equals(body.path("event").asText()))
                .filter(body -> messageId.equals(body.path("data").path("messageId").asText()))
                .filter(body -> response.equals(body.path("data").path("response").asText()))
                .findFirst(), Optional::isPresent).orElseThrow();
    }

    private static String toJson(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
