package io.kubezap.session.e2e;

import com.fasterxml.jackson.databind.JsonNode;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks filtered beyond the event type, on the packaged pod against the simulator: one endpoint takes everything,
 * one ignores groups and status ({@code filter: {excludeChats: [groups, status]}}), one takes only what others
 * write ({@code direction: Incoming, fromMe: false}). A group is made and a member writes in it, a customer writes
 * one-to-one, the session answers: each endpoint gets exactly its share. Deliveries to one endpoint keep the events'
 * order, so once an endpoint has the last event, anything it was going to get before it has come. Run once per engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventFiltersIT {

    private static final String OWNER = "5511999990056";
    private static final String CUSTOMER = "5511988880056";
    private static final String CUSTOMER_JID = CUSTOMER + "@s.whatsapp.net";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;
    private WebhookReceiver webhooks;

    @BeforeParameterizedClassInvocation
    void startAConnectedSessionWithThreeWebhooks() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "event-filters-it-" + engine + "-");
        webhooks = new WebhookReceiver(PodProcess.freePort());
        String base = "http://127.0.0.1:" + webhooks.port();
        Path endpoints = Files.writeString(workDir.resolve("webhooks.json"), """
                [{"url": "%1$s/all", "events": ["message.received", "message.sent", "group.joined"]},
                 {"url": "%1$s/no-groups", "events": ["message.received", "message.sent", "group.joined"],
                  "filter": {"excludeChats": ["groups", "status"]}},
                 {"url": "%1$s/from-others", "events": ["message.received", "message.sent", "group.joined"],
                  "filter": {"direction": "Incoming", "fromMe": false}}]""".formatted(base));
        var environment = new HashMap<>(BaileysBridge.environment(engine));
        environment.putAll(Map.of("KUBEZAP_WEBHOOKS_FILE", endpoints.toString(),
                "KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.1")); // the receiver: loopback, allowed as an in-cluster one would be
        world = PodAgainstSimulator.create(workDir, "loja-56", environment);
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
    void aWebhookThatIgnoresGroupsGetsTheOneToOneMessageAndNotTheGroupOnes() {
        String group = world.api().body(Map.of("subject", "Equipe", "participants", List.of(CUSTOMER_JID)))
                .post("/groups").then().statusCode(201).extract().path("jid");
        String inGroup = world.control().body(Map.of("from", CUSTOMER, "text", "Bom dia, grupo!"))
                .post("/api/groups/" + group + "/messages").then().statusCode(201).extract().path("id");
        awaitAt("/all", "message.received", inGroup);
        String reply = world.api().body(Map.of("to", group, "text", "Bom dia!")).post("/messages").then().statusCode(202)
                .extract().path("id");
        world.awaitSent(reply);
        world.phoneWritesAndTheSessionStoresIt(CUSTOMER, OWNER, "Oi, só comigo");
        String direct = world.api().queryParam("chat", CUSTOMER_JID).get("/messages").then().statusCode(200)
                .extract().jsonPath().getString("items[0].waMessageId");
        String answer = world.api().body(Map.of("to", CUSTOMER, "text", "Oi! Como posso ajudar?")).post("/messages")
                .then().statusCode(202).extract().path("id");
        world.awaitSent(answer);
        awaitAt("/all", "message.sent", answer);

        // everything: the member's post and the session's answer in the group, then the 1:1 pair
        assertThat(chats("/all")).contains(group, CUSTOMER_JID);
        assertThat(types("/all")).contains("message.received", "message.sent");

        // ignoring groups and status: the 1:1 message and answer, nothing of the group
        awaitAt("/no-groups", "message.sent", answer);
        assertThat(webhooks.jsonAt("/no-groups")).extracting(body -> body.path("event").asText() + " " + chat(body))
                .containsExactly("message.received " + CUSTOMER_JID, "message.sent " + CUSTOMER_JID);
        assertThat(webhooks.jsonAt("/no-groups")).extracting(body -> waId(body)).contains(direct);

        // from others only: both members' messages in, none of the session's own out; the group joined names no direction
        awaitAt("/from-others", "message.received", direct);
        assertThat(webhooks.jsonAt("/from-others")).extracting(body -> body.path("event").asText())
                .doesNotContain("message.sent").contains("message.received");
        assertThat(webhooks.jsonAt("/from-others")).filteredOn(body -> "message.received".equals(body.path("event").asText()))
                .extracting(EventFiltersIT::chat).containsExactly(group, CUSTOMER_JID);
    }

    private void awaitAt(String path, String event, String messageId) {
        await().atMost(PATIENCE).until(() -> webhooks.jsonAt(path).stream().anyMatch(body -> event.equals(body.path("event").asText())
                && (messageId.equals(waId(body)) || messageId.equals(body.path("data").path("id").asText()))));
    }

    private List<String> chats(String path) {
        return webhooks.jsonAt(path).stream().map(EventFiltersIT::chat).toList();
    }

    private List<String> types(String path) {
        return webhooks.jsonAt(path).stream().map(body -> body.path("event").asText()).toList();
    }

    private static String chat(JsonNode body) {
        JsonNode data = body.path("data");
        return data.has("chat") ? data.path("chat").asText() : data.path("group").asText();
    }

    private static String waId(JsonNode body) {
        return body.path("data").path("waMessageId").asText();
    }
}
