package io.kubezap.session.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.session.testing.PodProcess;
import io.kubezap.session.testing.SampleFiles;
import io.kubezap.session.webhook.WebhookReceiver;
import io.kubezap.contract.EngineKind;
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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Statuses (issue 38 item 1) between the packaged pod and simulated phones: a text status with its look reaches the
 * contacts chosen and no one else, a viewer's receipt is counted, a deletion reaches them; a phone's image status is
 * stored, announced (event and webhook) and downloadable, and marked seen on the phone; without named contacts a status
 * goes to those saved on the phone; a phone's text status keeps its background and font. Run once per engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatusIT {

    private static final String OWNER = "5511999990138";
    private static final String CUSTOMER = "5511988880138";
    private static final String FRIEND = "5511977770138";
    private static final String OUTSIDER = "5511966660138";
    private static final String STATUS = "status@broadcast";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;
    private WebhookReceiver webhooks;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "status-it-" + engine + "-");
        webhooks = new WebhookReceiver(PodProcess.freePort());
        Path endpoints = Files.writeString(workDir.resolve("webhooks.json"), "[{\"url\": \"http://127.0.0.1:" + webhooks.port()
                + "/hook\", \"events\": [\"status.received\"]}]");
        // the receiver: loopback, allowed as an in-cluster host would be by the operator's allow-list
        world = PodAgainstSimulator.create(workDir, "status-38", BaileysBridge.environment(engine, Map.of(
                "KUBEZAP_WEBHOOKS_FILE", endpoints.toString(), "KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.1")));
        world.createPhone(FRIEND, "Amiga");
        world.createPhone(OUTSIDER, "Estranho");
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
    void aTextStatusReachesTheChosenContactsIsSeenAndDeleted() {
        String id = world.api().body(Map.of("text", "Promoção de sábado", "backgroundColor", "#25D366", "font", 1,
                        "contacts", List.of(CUSTOMER, FRIEND + "@s.whatsapp.net")))
                .post("/status/text").then().statusCode(202).extract().path("id");
        String waId = world.awaitSent(id);
        assertThat(world.api().get("/messages/" + id).jsonPath().getString("status")).isNotEqualTo("failed");

        Map<String, Object> atCustomer = world.awaitAtPhone(CUSTOMER, waId);
        assertThat(atCustomer.get("text")).isEqualTo("Promoção de sábado");
        assertThat(atCustomer.get("group")).isEqualTo(STATUS);
        assertThat(atCustomer.get("statusLook")).isEqualTo(Map.of("backgroundColor", "#FF25D366", "font", 1));
        world.awaitAtPhone(FRIEND, waId);
        assertThat(world.atPhone(OUTSIDER, waId)).as("a status reaches only its audience").isEmpty();
        assertThat(world.api().get("/messages/" + id).jsonPath().<String>getList("statusPost.audience"))
                .containsExactlyInAnyOrder(CUSTOMER + "@s.whatsapp.net", FRIEND + "@s.whatsapp.net");

        world.control().body(Map.of("messageId", waId, "type", "read")).post("/api/phones/" + CUSTOMER + "/receipts")
                .then().statusCode(202);
        await().atMost(PATIENCE).until(() -> world.api().get("/messages/" + id + "/receipts").jsonPath().<Map<String, Object>>getList("$")
                .stream().anyMatch(receipt -> (CUSTOMER + "@s.whatsapp.net").equals(receipt.get("participant"))
                        && "read".equals(receipt.get("status"))));

        world.api().body(Map.of("id", id)).post("/status/delete").then().statusCode(200);
        await().atMost(PATIENCE).until(() -> Boolean.TRUE.equals(world.atPhone(CUSTOMER, waId).orElseThrow().get("deleted"))
                && Boolean.TRUE.equals(world.atPhone(FRIEND, waId).orElseThrow().get("deleted")));
    }

    @Test
    void aPhonesImageStatusIsStoredAnnouncedDownloadableAndSeen() {
        byte[] picture = SampleFiles.jpeg(64, 48, 38);
        String waId = world.control().body(Map.of("type", "image", "caption", "Vitrine nova",
                        "media", Map.of("data", Base64.getEncoder().encodeToString(picture), "mimeType", "image/jpeg"),
                        "to", List.of(OWNER)))
                .post("/api/phones/" + FRIEND + "/statuses").then().statusCode(202).extract().path("id");

        Map<String, Object> stored = await().atMost(PATIENCE).until(() -> world.api().queryParam("direction", "in").get("/status")
                .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items").stream()
                .filter(status -> waId.equals(status.get("waMessageId"))).findFirst(), Optional::isPresent).orElseThrow();
        String id = (String) stored.get("id");
        assertThat(stored.get("chat")).isEqualTo(STATUS);
        assertThat(stored.get("from")).isEqualTo(FRIEND + "@s.whatsapp.net");
        assertThat(stored.get("type")).isEqualTo("image");
        assertThat(stored.get("text")).isEqualTo("Vitrine nova");
        assertThat(world.api().get("/messages/" + id + "/media").then().statusCode(200).extract().asByteArray()).isEqualTo(picture);
        assertThat(world.events("status.received").stream().map(PodAgainstSimulator::payload).map(payload -> payload.get("id")))
                .contains(id);
        assertThat(awaitWebhook("status.received", id).path("data").path("chat").asText()).isEqualTo(STATUS);
        assertThat(world.api().get("/chats").jsonPath().<String>getList("items.jid")).doesNotContain(STATUS);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(posterSees(waId))
                .as("the status's ticks at its poster once the session got it, not yet seen").isEqualTo("delivered"));

        world.api().post("/status/" + id + "/seen").then().statusCode(200);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(posterSees(waId))
                .as("the status's ticks at its poster once the session saw it").isEqualTo("read"));
    }

    /** A status the friend posted, as the friend's phone shows it: sent, delivered or read (seen). */
    private String posterSees(String waId) {
        return world.control().get("/api/phones/" + FRIEND + "/sent").jsonPath().getString("find { it.id == '" + waId + "' }.status");
    }

    @Test
    void withoutNamedContactsAStatusGoesToTheContactsSavedOnThePhone() {
        // the phone shares its app-state key with the first history sync, which names the account: a contact saved
        // before that is not pulled again by Cobalt 0.0.10
        await().atMost(PATIENCE).until(() -> "Loja".equals(world.state().getString("account.pushName")));
        world.api().body(Map.of("text", "Para ninguém")).post("/status/text").then().statusCode(400);
        world.control().body(Map.of("fullName", "Cliente Fiel")).put("/api/phones/" + OWNER + "/contacts/" + CUSTOMER)
                .then().statusCode(200);
        await().atMost(PATIENCE).until(() -> "Cliente Fiel".equals(world.api().get("/contacts/" + CUSTOMER).jsonPath().getString("name")));

        String id = world.api().body(Map.of("text", "Só para os meus contatos")).post("/status/text").then().statusCode(202)
                .extract().path("id");
        String waId = world.awaitSent(id);
        assertThat(world.awaitAtPhone(CUSTOMER, waId).get("statusLook")).isEqualTo(Map.of("backgroundColor", "#FF1E6E4F", "font", 0));
        assertThat(world.atPhone(FRIEND, waId)).as("not saved on the phone: not a contact").isEmpty();
    }

    @Test
    void aPhonesTextStatusKeepsItsLook() {
        String waId = world.control().body(Map.of("text", "Bom dia!", "backgroundColor", "#FF8A2BE2", "font", 3, "to", List.of(OWNER)))
                .post("/api/phones/" + CUSTOMER + "/statuses").then().statusCode(202).extract().path("id");
        Map<String, Object> stored = await().atMost(PATIENCE).until(() -> world.api().get("/status").then().statusCode(200)
                .extract().jsonPath().<Map<String, Object>>getList("items").stream()
                .filter(status -> waId.equals(status.get("waMessageId"))).findFirst(), Optional::isPresent).orElseThrow();
        assertThat(stored.get("text")).isEqualTo("Bom dia!");
        assertThat(stored.get("statusPost")).isEqualTo(Map.of("backgroundColor", "#FF8A2BE2", "font", 3));
    }

    @Test
    void aStatusWithABadLookIsRefused() {
        world.api().body(Map.of("text", "Cor errada", "backgroundColor", "verde", "contacts", List.of(CUSTOMER)))
                .post("/status/text").then().statusCode(400);
        world.api().body(Map.of("text", "Fonte errada", "font", 9, "contacts", List.of(CUSTOMER))).post("/status/text").then().statusCode(400);
        world.api().body(Map.of("media", Map.of("data", "AAAA"), "backgroundColor", "#000000", "contacts", List.of(CUSTOMER)))
                .post("/status/image").then().statusCode(400);
        world.api().body(Map.of("to", STATUS, "text", "Sem público")).post("/messages").then().statusCode(400);
    }

    private JsonNode awaitWebhook(String event, String messageId) {
        return await().atMost(PATIENCE).until(() -> webhooks.jsonAt("/hook").stream()
                .filter(body -> event.equals(body.path("event").asText()))
                .filter(body -> messageId.equals(body.path("data").path("id").asText()))
                .findFirst(), Optional::isPresent).orElseThrow();
    }
}
