package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static io.kubezap.session.e2e.PodAgainstSimulator.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Chats' app state both ways between the packaged pod and a simulated phone: what the owner does on the phone
 * (archive, pin, mute, labels, delete) is in {@code GET /chats} and announced; what the API does (unarchive, unpin, mute
 * until, mark unread, star, a new label on the chat) reaches the phone as app-state patches the simulator checks. Run
 * once per engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChatStateIT {

    private static final String OWNER = "5511999990037";
    private static final String CUSTOMER = "5511988880037";
    private static final String CUSTOMER_JID = CUSTOMER + "@s.whatsapp.net";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;
    private String customerTextId;
    private int device;

    @BeforeParameterizedClassInvocation
    void startAConnectedSessionWithAChat() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "chat-state-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "loja-37", BaileysBridge.environment(engine));
        device = world.startLinked(OWNER, CUSTOMER);
        // the phone shares its app-state key with the first history sync, which names the account
        await().atMost(PATIENCE).until(() -> world.state().getString("account.pushName"), equalTo("Loja"));
        String waId = world.control().body(Map.of("to", OWNER, "text", "quero um bolo")).post("/api/phones/" + CUSTOMER + "/messages")
                .then().statusCode(202).extract().path("id");
        customerTextId = (String) world.awaitIncoming(waId).get("id");
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void whatTheOwnerDoesOnThePhoneIsInTheChatListAndAnnounced() {
        phoneDoes(Map.of("action", "archive"));
        awaitChat("archived", true);
        world.api().queryParam("archived", true).get("/chats").then().body("items.jid", equalTo(List.of(CUSTOMER_JID)));
        phoneDoes(Map.of("action", "pin"));
        awaitChat("pinned", true);
        phoneDoes(Map.of("action", "mute"));
        awaitChat("muted", true);
        world.api().get("/chats/" + CUSTOMER).then().body("mutedUntil", equalTo(null));
        phoneDoes(Map.of("action", "label-edit", "labelId", "4", "name", "Encomenda", "color", 6));
        await().atMost(PATIENCE).until(() -> world.api().get("/labels").then().extract().<List<String>>path("items.name"),
                names -> names.contains("Encomenda"));
        phoneDoes(Map.of("action", "label", "labelId", "4"));
        await().atMost(PATIENCE).until(() -> world.api().get("/chats/" + CUSTOMER).then().extract().<List<String>>path("labels"),
                labels -> labels.contains("4"));

        assertThat(changesAnnounced()).containsSubsequence("muted", "pinned", "archived");
        assertThat(world.events("label.updated")).extracting(event -> payload(event).get("name")).contains("Encomenda");
        assertThat(world.events("label.assigned")).extracting(event -> payload(event).get("chat")).contains(CUSTOMER_JID);
    }

    @Test
    @Order(2)
    void whatTheApiDoesReachesThePhone() {
        world.api().post("/chats/" + CUSTOMER + "/unarchive").then().statusCode(200).body("archived", equalTo(false));
        awaitOnPhone("archive", "archived", false);
        world.api().post("/chats/" + CUSTOMER + "/unpin").then().statusCode(200).body("pinned", equalTo(false));
        awaitOnPhone("pin_v1", "pinned", false);
        world.api().body(Map.of("until", "2099-01-01T00:00:00Z")).post("/chats/" + CUSTOMER + "/mute").then().statusCode(200)
                .body("mutedUntil", equalTo("2099-01-01T00:00:00Z"));
        awaitOnPhone("mute", "muteEnd", 4070908800000L);
        world.api().post("/chats/" + CUSTOMER + "/unread").then().statusCode(200).body("markedUnread", equalTo(true));
        awaitOnPhone("markChatAsRead", "read", false);
        world.api().post("/messages/" + customerTextId + "/star").then().statusCode(200).body("starred", equalTo(true));
        awaitOnPhone("star", "starred", true);

        String label = world.api().body(Map.of("name", "Pago", "color", 3)).post("/labels").then().statusCode(200)
                .extract().path("id");
        await().atMost(PATIENCE).until(() -> phoneValue(List.of("label_edit", label)).map(value -> value.get("label")),
                name -> name.equals(Optional.of("Pago")));
        world.api().put("/labels/" + label + "/chats/" + CUSTOMER).then().statusCode(200);
        await().atMost(PATIENCE).until(() -> phoneValue(List.of("label_jid", label, CUSTOMER_JID)).map(value -> value.get("labeled")),
                labeled -> labeled.equals(Optional.of(true)));
        assertThat(changesAnnounced()).as("each change announced once").containsSubsequence("starred", "unread", "muted", "unpinned", "unarchived");
        assertThat(changesAnnounced().stream().filter("unarchived"::equals)).hasSize(1);
    }

    @Test
    @Order(3)
    void aChangeWhatsAppRefusesFailsAndIsNotStored() {
        int announced = changesAnnounced().size();
        world.injectFault(OWNER, device, "refuse-app-state-push");

        world.api().post("/chats/" + CUSTOMER + "/archive").then().statusCode(502).body("detail", org.hamcrest.Matchers.containsString("refused"));

        world.api().get("/chats/" + CUSTOMER).then().body("archived", equalTo(false));
        assertThat(phoneValue(List.of("archive", CUSTOMER_JID)).map(value -> value.get("archived"))).contains(false);
        assertThat(changesAnnounced()).hasSize(announced);
        world.api().post("/chats/" + CUSTOMER + "/archive").then().statusCode(200).body("archived", equalTo(true));
        awaitOnPhone("archive", "archived", true);
    }

    @Test
    @Order(4)
    void aChatTheOwnerDeletesOnThePhoneIsGone() {
        phoneDoes(Map.of("action", "delete"));
        await().atMost(PATIENCE).until(() -> world.api().get("/chats/" + CUSTOMER).statusCode() == 404);
        world.api().queryParam("chat", CUSTOMER).get("/messages").then().body("items", equalTo(List.of()));
        assertThat(changesAnnounced().getFirst()).isEqualTo("deleted");
    }

    private void phoneDoes(Map<String, Object> action) {
        var body = new java.util.HashMap<>(action);
        body.put("chat", CUSTOMER_JID);
        world.control().body(body).post("/api/phones/" + OWNER + "/appstate").then().statusCode(202);
    }

    private void awaitChat(String field, Object value) {
        await().atMost(PATIENCE).until(() -> world.api().get("/chats/" + CUSTOMER).then().extract().path(field), equalTo(value));
    }

    private void awaitOnPhone(String type, String field, Object value) {
        await().atMost(PATIENCE).until(() -> phoneValue(List.of(type, CUSTOMER_JID)).map(found -> found.get(field)),
                found -> found.isPresent() && String.valueOf(found.get()).equals(String.valueOf(value)));
    }

    /** What the phone's app state holds at an index starting with {@code prefix}. */
    @SuppressWarnings("unchecked")
    private Optional<Map<String, Object>> phoneValue(List<String> prefix) {
        return world.control().get("/api/phones/" + OWNER + "/appstate").jsonPath().<Map<String, Object>>getList("$").stream()
                .filter(entry -> {
                    List<String> index = (List<String>) entry.get("index");
                    return index.size() >= prefix.size() && index.subList(0, prefix.size()).equals(prefix);
                })
                .map(entry -> (Map<String, Object>) entry.get("value")).findFirst();
    }

    /** The {@code change} of each {@code chat.updated} of the customer's chat, newest first. */
    private List<String> changesAnnounced() {
        return world.events("chat.updated").stream().map(PodAgainstSimulator::payload)
                .filter(p -> CUSTOMER_JID.equals(p.get("chat"))).map(p -> (String) p.get("change")).toList();
    }
}
