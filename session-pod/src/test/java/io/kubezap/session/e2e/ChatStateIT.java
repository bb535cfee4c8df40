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
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Chats' app state both ways between the packaged pod and a simulated phone: what the phone held before the session
 * linked arrives as snapshots (a later large change as an external blob); what the owner does on the phone (archive,
 * pin, mute, labels on chats and messages, star and unstar, mark read, clear, delete, delete a label, a REMOVE) is in
 * {@code GET /chats}, {@code GET /messages/{id}} and {@code /labels} and announced; what the API does (unarchive, unpin,
 * mute until, mark unread, star, a new label on the chat) reaches the phone as app-state patches the simulator checks; a
 * change under a key the phone shares late is synced once it does; changes in quick succession all arrive.
 * Run once per engine; the Cobalt workarounds are proven on Cobalt only.
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
    /** Chats the phone had before the session linked: app state only. */
    private static final List<String> EARLIER = List.of("5511977770001@s.whatsapp.net", "5511977770002@s.whatsapp.net",
            "5511977770003@s.whatsapp.net", "5511977770004@s.whatsapp.net", "5511977770005@s.whatsapp.net");
    /** Under a minute and well under the 120 s Cobalt 0.0.10's socket stalled for when pulls overlapped. */
    private static final java.time.Duration PROMPTLY = java.time.Duration.ofSeconds(60);

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;
    private String customerTextId;
    private int device;

    private long appStateBlobsAtLink;

    @BeforeParameterizedClassInvocation
    void startAConnectedSessionWithAChat() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "chat-state-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "loja-37", BaileysBridge.environment(engine));
        world.createPhone(OWNER, "Loja");
        world.createPhone(CUSTOMER, "Cliente");
        // before the session links: regular_low reaches version 6 (a snapshot at 5), regular version 6 (a snapshot at 5);
        // on Baileys too: its snapshot downloads must take the pod's route
        EARLIER.subList(0, 3).forEach(chat -> phoneDoes(chat, Map.of("action", "archive")));
        phoneDoes(EARLIER.get(0), Map.of("action", "pin"));
        phoneDoes(EARLIER.get(1), Map.of("action", "pin"));
        phoneDoes(EARLIER.get(2), Map.of("action", "unread"));
        phoneDoes(null, Map.of("action", "label-edit", "labelId", "9", "name", "Antigos", "color", 1));
        EARLIER.forEach(chat -> phoneDoes(chat, Map.of("action", "label", "labelId", "9")));
        world.startPod();
        device = world.scanCurrentQr(OWNER);
        world.awaitPhase("Connected");
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
    @Order(0)
    void whatThePhoneHeldBeforeTheSessionLinkedArrivesAsSnapshotsAndALargeChangeAsAnExternalBlob() {
        await().atMost(PATIENCE).until(() -> chatJids("archived", true), jids -> jids.containsAll(EARLIER.subList(0, 3)));
        await().atMost(PATIENCE).until(() -> chatJids("label", "9"), jids -> jids.containsAll(EARLIER));
        assertThat(chatJids("pinned", true)).containsExactlyInAnyOrder(EARLIER.get(0), EARLIER.get(1));
        world.api().get("/chats/" + EARLIER.get(2)).then().body("markedUnread", equalTo(true));
        world.api().get("/labels").then().body("items.name", org.hamcrest.Matchers.hasItem("Antigos"));
        appStateBlobsAtLink = appStateBlobs();
        assertThat(appStateBlobsAtLink).as("snapshots of regular_low and regular on the media host").isGreaterThanOrEqualTo(2);

        // the label's SET and five REMOVEs: more than the simulator sends inline
        phoneDoes(null, Map.of("action", "label-delete", "labelId", "9", "name", "Antigos"));

        await().atMost(PATIENCE).until(() -> world.api().get("/labels").then().extract().<List<String>>path("items.id"),
                ids -> !ids.contains("9"));
        assertThat(chatJids("label", "9")).isEmpty();
        assertThat(world.events("label.deleted")).extracting(event -> payload(event).get("id")).contains("9");
        assertThat(appStateBlobs()).as("the patch's mutations, uploaded apart").isEqualTo(appStateBlobsAtLink + 1);
    }

    @Test
    @Order(1)
    void whatTheOwnerDoesOnThePhoneIsInTheChatListAndAnnounced() {
        phoneDoes(Map.of("action", "archive"));
        awaitChat("archived", true);
        assertThat(chatJids("archived", true)).contains(CUSTOMER_JID);
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
        awaitPhoneHolds(List.of("label_edit", label), "label", "Pago");
        world.api().put("/labels/" + label + "/chats/" + CUSTOMER).then().statusCode(200);
        awaitPhoneHolds(List.of("label_jid", label, CUSTOMER_JID), "labeled", true);
        world.api().put("/labels/" + label + "/messages/" + customerTextId).then().statusCode(200).body("labeled", equalTo(true));
        awaitPhoneHolds(List.of("label_message", label, CUSTOMER_JID), "labeled", true);
        world.api().get("/messages/" + customerTextId).then().body("labels", org.hamcrest.Matchers.hasItem(label));
        world.api().delete("/labels/" + label + "/messages/" + customerTextId).then().statusCode(200).body("labeled", equalTo(false));
        awaitPhoneHolds(List.of("label_message", label, CUSTOMER_JID), "labeled", false);
        world.api().get("/messages/" + customerTextId).then().body("labels", equalTo(List.of()));
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
    void starsReadMarksLabelsOnMessagesAndRemovalsMadeOnThePhoneAreSeenAndAnnounced() {
        String waId = (String) world.api().get("/messages/" + customerTextId).then().extract().path("waMessageId");
        long before = world.lastEventId();

        phoneDoes(Map.of("action", "star", "messageId", waId, "fromMe", false));
        await().atMost(PATIENCE).until(() -> world.api().get("/messages/" + customerTextId).then().extract().path("starred"), equalTo(true));
        phoneDoes(Map.of("action", "remove", "index", List.of("star", CUSTOMER_JID, waId, "0", "0")));
        await().atMost(PATIENCE).until(() -> world.api().get("/messages/" + customerTextId).then().extract().path("starred"), equalTo(false));

        phoneDoes(Map.of("action", "label", "labelId", "4", "messageId", waId));
        await().atMost(PATIENCE).until(() -> world.api().get("/messages/" + customerTextId).then().extract().<List<String>>path("labels"),
                equalTo(List.of("4")));
        assertThat(world.eventsAfter("label.assigned", before)).extracting(PodAgainstSimulator::payload)
                .anySatisfy(label -> assertThat(label).containsEntry("messageId", waId).containsEntry("chat", CUSTOMER_JID));

        phoneDoes(Map.of("action", "unlabel", "labelId", "4"));
        await().atMost(PATIENCE).until(() -> world.api().get("/chats/" + CUSTOMER).then().extract().<List<String>>path("labels"),
                labels -> !labels.contains("4"));
        phoneDoes(Map.of("action", "remove", "index", List.of("archive", CUSTOMER_JID)));
        awaitChat("archived", false);
        phoneDoes(Map.of("action", "read"));
        awaitChat("markedUnread", false);
        phoneDoes(Map.of("action", "clear"));
        await().atMost(PATIENCE).until(() -> world.api().queryParam("chat", CUSTOMER).get("/messages").then()
                .extract().<List<Object>>path("items"), List::isEmpty);
        phoneDoes(null, Map.of("action", "label-delete", "labelId", "4", "name", "Encomenda"));
        await().atMost(PATIENCE).until(() -> world.api().get("/labels").then().extract().<List<String>>path("items.id"),
                ids -> !ids.contains("4"));

        assertThat(changesAnnounced()).containsSubsequence("cleared", "read", "unarchived", "unstarred", "starred");
        assertThat(world.eventsAfter("label.unassigned", before)).extracting(PodAgainstSimulator::payload)
                .anySatisfy(label -> {
                    assertThat(label.get("labelId")).isEqualTo("4");
                    assertThat(label.get("messageId")).as("off the chat itself").isNull();
                });
        assertThat(world.eventsAfter("label.deleted", before)).extracting(event -> payload(event).get("id")).containsExactly("4");
    }

    @Test
    @Order(5)
    void aContactSavedUnderAKeyThePhoneSharesLaterIsSyncedOnceItDoes() {
        assumeTrue(engine == EngineKind.Cobalt, "a Cobalt 0.0.10 workaround (AppStateCatchUp)");
        String rosa = "5511966660037";
        world.control().body(Map.of("share", false)).post("/api/phones/" + OWNER + "/appstate/keys").then().statusCode(201);
        int pullsBefore = appStatePulls().size();
        world.control().body(Map.of("fullName", "Dona Rosa", "firstName", "Rosa")).put("/api/phones/" + OWNER + "/contacts/" + rosa)
                .then().statusCode(200);
        // the session pulled the contact's patch, which it cannot read yet, and the server answered
        String pull = await().atMost(PATIENCE).until(this::appStatePulls, pulls -> pulls.size() > pullsBefore).getLast();
        await().atMost(PATIENCE).until(() -> serverSent(pull));

        world.control().post("/api/phones/" + OWNER + "/appstate/keys/share").then().statusCode(202);

        await().atMost(PATIENCE).until(() -> contactName(rosa + "@s.whatsapp.net"), equalTo(Optional.of("Dona Rosa")));
    }

    @Test
    @Order(6)
    void changesMadeInQuickSuccessionAllArrive() {
        assumeTrue(engine == EngineKind.Cobalt, "a Cobalt 0.0.10 workaround (ReaderSafePulls)");
        String chat = EARLIER.get(4);
        phoneDoes(chat, Map.of("action", "archive"));
        phoneDoes(chat, Map.of("action", "pin"));
        phoneDoes(chat, Map.of("action", "mute"));
        phoneDoes(chat, Map.of("action", "unread"));

        await().atMost(PROMPTLY).until(() -> world.api().get("/chats/" + chat).then().extract().jsonPath().<Map<String, Object>>get("$"),
                found -> List.of("archived", "pinned", "muted", "markedUnread").stream().allMatch(field -> Boolean.TRUE.equals(found.get(field))));
    }

    @Test
    @Order(7)
    void theApisOtherChangesReachThePhoneToo() {
        // the customer's messages were cleared on the phone (order 4): a neighbour's chat holds the message to star
        String neighbour = "5511955550037";
        world.createPhone(neighbour, "Vizinha");
        String waId = world.control().body(Map.of("to", OWNER, "text", "tem bolo hoje?")).post("/api/phones/" + neighbour + "/messages")
                .then().statusCode(202).extract().path("id");
        String messageId = (String) world.awaitIncoming(waId).get("id");
        String other = neighbour + "@s.whatsapp.net";

        world.api().post("/chats/" + CUSTOMER + "/pin").then().statusCode(200).body("pinned", equalTo(true));
        awaitOnPhone("pin_v1", "pinned", true);
        world.api().post("/chats/" + CUSTOMER + "/unmute").then().statusCode(200).body("muted", equalTo(false));
        awaitOnPhone("mute", "muted", false);
        world.api().post("/chats/" + other + "/read").then().statusCode(200).body("marked", equalTo(1));
        awaitPhoneHolds(List.of("markChatAsRead", other), "read", true);
        world.api().post("/messages/" + messageId + "/star").then().statusCode(200);
        world.api().post("/messages/" + messageId + "/unstar").then().statusCode(200).body("starred", equalTo(false));
        awaitPhoneHolds(List.of("star", other, waId), "starred", false);

        String label = world.api().body(Map.of("name", "Entregue", "color", 5)).post("/labels").then().statusCode(200)
                .extract().path("id");
        world.api().put("/labels/" + label + "/chats/" + CUSTOMER).then().statusCode(200);
        world.api().delete("/labels/" + label + "/chats/" + CUSTOMER).then().statusCode(200);
        awaitPhoneHolds(List.of("label_jid", label, CUSTOMER_JID), "labeled", false);
        world.api().delete("/labels/" + label).then().statusCode(200);
        awaitPhoneHolds(List.of("label_edit", label), "deleted", true);

        // WhatsApp's index names whether the starred messages go too: "0" keeps them, "1" deletes them
        world.api().body(Map.of("keepStarred", true)).post("/chats/" + other + "/clear").then().statusCode(200);
        await().atMost(PATIENCE).until(() -> phoneValue(List.of("clearChat", other, "0", "0")).isPresent());
        world.api().post("/chats/" + other + "/clear").then().statusCode(200);
        await().atMost(PATIENCE).until(() -> phoneValue(List.of("clearChat", other, "1", "0")).isPresent());
        world.api().delete("/chats/" + other).then().statusCode(200);
        await().atMost(PATIENCE).until(() -> phoneValue(List.of("deleteChat", other)).isPresent());
        world.api().get("/chats/" + other).then().statusCode(404);
    }

    @Test
    @Order(9)
    void aChatTheOwnerDeletesOnThePhoneIsGone() {
        phoneDoes(Map.of("action", "delete"));
        await().atMost(PATIENCE).until(() -> world.api().get("/chats/" + CUSTOMER).statusCode() == 404);
        world.api().queryParam("chat", CUSTOMER).get("/messages").then().body("items", equalTo(List.of()));
        assertThat(changesAnnounced().getFirst()).isEqualTo("deleted");
    }

    private void phoneDoes(Map<String, Object> action) {
        phoneDoes(CUSTOMER_JID, action);
    }

    /** The owner does {@code action} on the phone to {@code chat} (null: none, a label's own change). */
    private void phoneDoes(String chat, Map<String, Object> action) {
        var body = new java.util.HashMap<>(action);
        if (chat != null) {
            body.put("chat", chat);
        }
        world.control().body(body).post("/api/phones/" + OWNER + "/appstate").then().statusCode(202);
    }

    private List<String> chatJids(String filter, Object value) {
        return world.api().queryParam(filter, value).queryParam("limit", 100).get("/chats").then().statusCode(200)
                .extract().path("items.jid");
    }

    /** How many app-state blobs (snapshots, a patch's mutations) the simulator's media host holds. */
    private long appStateBlobs() {
        return world.control().get("/api/media").jsonPath().<Map<String, Object>>getList("$").stream()
                .filter(blob -> blob.toString().contains("t62.1182-24")).count();
    }

    /** The ids of the app-state pulls (and pushes) the session's device sent, oldest first. */
    @SuppressWarnings("unchecked")
    private List<String> appStatePulls() {
        return world.control().get("/api/phones/" + OWNER + "/devices/" + device + "/nodes").jsonPath()
                .<Map<String, Object>>getList("$").stream()
                .filter(node -> "iq".equals(node.get("tag")))
                .map(node -> (Map<String, String>) node.get("attributes"))
                .filter(attributes -> "w:sync:app:state".equals(attributes.get("xmlns")))
                .map(attributes -> attributes.get("id")).toList();
    }

    /** Whether the simulator answered the stanza {@code id} on the session's latest connection. */
    @SuppressWarnings("unchecked")
    private boolean serverSent(String id) {
        var connections = world.control().get("/api/connections").jsonPath().<Object>getList("id");
        return world.control().get("/api/connections/" + connections.getLast() + "/sent-nodes").jsonPath()
                .<Map<String, Object>>getList("$").stream()
                .anyMatch(node -> id.equals(((Map<String, String>) node.get("attributes")).get("id")));
    }

    private Optional<Object> contactName(String jid) {
        return world.api().queryParam("q", jid.substring(0, jid.indexOf('@'))).get("/contacts").then().statusCode(200)
                .extract().jsonPath().<Map<String, Object>>getList("items").stream().filter(c -> jid.equals(c.get("jid")))
                .findFirst().map(c -> c.get("name"));
    }

    private void awaitChat(String field, Object value) {
        await().atMost(PATIENCE).until(() -> world.api().get("/chats/" + CUSTOMER).then().extract().path(field), equalTo(value));
    }

    private void awaitOnPhone(String type, String field, Object value) {
        await().atMost(PATIENCE).until(() -> phoneValue(List.of(type, CUSTOMER_JID)).map(found -> found.get(field)),
                found -> found.isPresent() && String.valueOf(found.get()).equals(String.valueOf(value)));
    }

    /** Waits until the phone's app-state entry at {@code index} holds exactly {@code value} in {@code field}. */
    private void awaitPhoneHolds(List<String> index, String field, Object value) {
        await().atMost(PATIENCE).until(() -> phoneValue(index).map(found -> found.get(field)), found -> found.equals(Optional.of(value)));
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
