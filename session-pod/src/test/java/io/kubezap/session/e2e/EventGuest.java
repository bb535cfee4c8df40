package io.kubezap.session.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.EngineKind;
import io.kubezap.session.testing.PodProcess;
import io.kubezap.session.webhook.WebhookReceiver;
import io.restassured.path.json.JsonPath;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * A calendar event between the pod's session and a guest's simulated phone: the guest's card and answers, and what
 * the session shows of them ({@code GET /messages/{id}} and the {@code event.response} webhook).
 */
final class EventGuest implements AutoCloseable {

    private final PodAgainstSimulator world;
    private final WebhookReceiver webhooks;
    private final String phone;

    private EventGuest(PodAgainstSimulator world, WebhookReceiver webhooks, String phone) {
        this.world = world;
        this.webhooks = webhooks;
        this.phone = phone;
    }

    /**
     * A session on {@code engine} linked to {@code owner}'s phone, with {@code settings} and its {@code event.response}
     * and {@code message.edited} webhooks to a receiver here, and the guest {@code guest}'s phone.
     */
    static EventGuest ofALinkedSession(EngineKind engine, String what, String session, String owner, String guest,
                                       Map<String, String> settings) throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), what + "-");
        var webhooks = new WebhookReceiver(PodProcess.freePort());
        Path endpoints = Files.writeString(workDir.resolve("webhooks.json"), "[{\"url\": \"http://127.0.0.1:" + webhooks.port()
                + "/hook\", \"events\": [\"event.response\", \"message.edited\"]}]");
        var environment = new HashMap<>(BaileysBridge.environment(engine, settings));
        environment.put("KUBEZAP_WEBHOOKS_FILE", endpoints.toString());
        environment.put("KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.1"); // the receiver: loopback, allowed as an in-cluster one would be
        var world = PodAgainstSimulator.create(workDir, session, environment);
        var linked = new EventGuest(world, webhooks, guest);
        try {
            world.startLinked(owner, guest);
            return linked;
        } catch (Exception | AssertionError notLinked) {
            linked.close();
            throw notLinked;
        }
    }

    PodAgainstSimulator world() {
        return world;
    }

    @Override
    public void close() throws Exception {
        try (var closing = webhooks) {
            world.close();
        }
    }

    /** The event card the guest's phone shows as {@code waId} now (once it has it). */
    JsonPath card(String waId) {
        return JsonPath.from(toJson(world.awaitAtPhone(phone, waId)));
    }

    /** The guest answers the event {@code waId}: {@code GOING}, {@code NOT_GOING} or {@code MAYBE}. */
    void respond(String waId, String answer) {
        world.control().body(Map.of("response", answer)).post("/api/phones/" + phone + "/messages/" + waId + "/responses")
                .then().statusCode(202);
    }

    /** Waits until the session shows the guest's answer to its event {@code id} as its only one. */
    void awaitAnswerShown(String id, String answer) {
        await().atMost(PATIENCE).untilAsserted(() -> world.api().get("/messages/" + id).then().statusCode(200)
                .body("eventResponses", hasSize(1))
                .body("eventResponses[0].responder", equalTo(phone + "@s.whatsapp.net"))
                .body("eventResponses[0].response", equalTo(answer)));
    }

    /** Waits for the {@code event.response} webhook of the guest's {@code answer} to the event {@code id}, named {@code name}. */
    void awaitAnswerAnnounced(String id, String answer, String name) {
        JsonNode announced = await().atMost(PATIENCE).until(() -> webhooks.jsonAt("/hook").stream()
                .filter(body -> "event.response".equals(body.path("event").asText()))
                .filter(body -> id.equals(body.path("data").path("messageId").asText()))
                .filter(body -> answer.equals(body.path("data").path("response").asText()))
                .findFirst(), Optional::isPresent).orElseThrow();
        assertThat(announced.path("data").path("responder").asText()).isEqualTo(phone + "@s.whatsapp.net");
        assertThat(announced.path("data").path("event").path("name").asText()).isEqualTo(name);
    }

    /** Waits until the guest's card of {@code waId} shows the creator's edit: {@code name}, from {@code startTime}, still on. */
    void awaitEditShown(String waId, String name, long startTime) {
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonPath now = card(waId);
            assertThat(now.getString("event.name")).isEqualTo(name);
            assertThat(now.getLong("event.startTime")).isEqualTo(startTime);
            assertThat(now.getBoolean("event.canceled")).isFalse();
            assertThat(now.getList("event.problems")).as("what the phone's app checks of the edited event").isEmpty();
        });
    }

    /** Waits until the guest's card of {@code waId} shows the event canceled. */
    void awaitCancelShown(String waId) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(card(waId).getBoolean("event.canceled")).isTrue());
    }

    private static String toJson(Object value) {
        try {
            return new ObjectMapper().writeValueAsString(value);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
