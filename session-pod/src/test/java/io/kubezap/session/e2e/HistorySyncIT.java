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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static io.kubezap.session.e2e.PodAgainstSimulator.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A phone with 3 chats and 200 messages of the last days (one of them a picture), and 30 from about 200 days ago, links
 * the packaged pod (spec.history Recent, the default): the history it sends in chunks is stored, marked as history,
 * none of it announced as message.received, each chunk one history.synced event; the picture downloads like any
 * media; and older messages of a chat come on demand. Run once per engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HistorySyncIT {

    private static final String OWNER = "5511999990370";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;
    private List<Map<String, Object>> pastChats;

    @BeforeParameterizedClassInvocation
    void linkAPhoneWithPastConversations() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "history-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "loja-37", BaileysBridge.environment(engine));
        world.createPhone(OWNER, "Loja");
        pastChats = givePastChats(world, OWNER, 50);
        world.startPod();
        world.scanCurrentQr(OWNER);
        world.awaitPhase("Connected");
    }

    /** {@code owner}'s phone gets 3 chats, 200 recent messages (the first a picture) and 30 old ones. */
    static List<Map<String, Object>> givePastChats(PodAgainstSimulator world, String owner, int messagesPerChunk) {
        return world.control().body(Map.of("chats", 3, "messages", 200, "olderMessages", 30, "media", 1,
                        "messagesPerChunk", messagesPerChunk))
                .put("/api/phones/" + owner + "/history").then().statusCode(200).extract().jsonPath().getList("$");
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void theRecentHistoryIsStoredAsHistoryInBatchesAndNoneOfItIsAnnouncedAsNew() {
        await().atMost(PATIENCE).until(() -> storedByBatches(world), stored -> stored == 200);

        for (var chat : pastChats) {
            var stored = world.api().queryParam("limit", 200).get("/chats/" + chat.get("jid") + "/messages")
                    .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items");
            assertThat(stored).extracting(message -> message.get("waMessageId"))
                    .containsExactlyInAnyOrderElementsOf(ids(chat, "history ", "picture "));
            assertThat(stored).allSatisfy(message -> assertThat(message).containsEntry("history", true));
        }
        assertThat(world.events("message.received")).isEmpty();
        assertThat(world.events("message.sent")).isEmpty();
        var batches = world.events("history.synced").stream().map(PodAgainstSimulator::payload).toList();
        // the bootstrap (each chat's newest 5) and the other 185 recent messages in chunks of 50
        assertThat(batches).extracting(batch -> batch.get("type"))
                .containsExactlyInAnyOrder("bootstrap", "recent", "recent", "recent", "recent");
        assertThat(batches).allSatisfy(batch -> assertThat(batch).containsEntry("duplicates", 0).containsEntry("dropped", 0));
        assertThat(batches.stream().filter(batch -> "bootstrap".equals(batch.get("type"))).findFirst().orElseThrow())
                .containsEntry("chats", 3).containsEntry("messages", 15);
        assertThat(batches.stream().filter(batch -> "recent".equals(batch.get("type")))
                .mapToInt(batch -> ((Number) batch.get("messages")).intValue()).sum()).isEqualTo(185);
        var chats = world.api().get("/chats").then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items");
        assertThat(chats).extracting(chat -> chat.get("name")).containsExactlyInAnyOrder("Contato 1", "Contato 2", "Contato 3");
        // each chat as the phone has it: archived, pinned, muted and unread as its history said
        for (var phoneChat : pastChats) {
            var chat = chats.stream().filter(stored -> phoneChat.get("jid").equals(stored.get("jid"))).findFirst().orElseThrow();
            assertThat(((Number) chat.get("messageCount")).intValue()).isEqualTo(ids(phoneChat, "history ", "picture ").size());
            assertThat(chat).containsEntry("unreadCount", phoneChat.get("unreadCount"))
                    .containsEntry("archived", phoneChat.get("archived"))
                    .containsEntry("pinned", ((Number) phoneChat.get("pinnedAt")).longValue() != 0)
                    .containsEntry("muted", ((Number) phoneChat.get("mutedUntil")).longValue() != 0);
        }
        assertThat(pastChats).as("the phone's chats differ in state, so the comparison means something")
                .anySatisfy(phoneChat -> assertThat(phoneChat.get("archived")).isEqualTo(true))
                .anySatisfy(phoneChat -> assertThat(((Number) phoneChat.get("unreadCount")).intValue()).isPositive());
    }

    @Test
    @Order(2)
    void aPictureOfTheHistoryDownloadsLikeAnyMediaCheckedAgainstItsHash() throws Exception {
        var pictures = world.api().queryParam("type", "image").get("/messages")
                .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items");
        var pastPictures = pastChats.stream().flatMap(chat -> ids(chat, "picture ").stream()).toList();
        assertThat(pictures).extracting(picture -> picture.get("waMessageId")).containsExactlyElementsOf(pastPictures);
        var picture = pictures.getFirst();
        @SuppressWarnings("unchecked")
        var media = (Map<String, Object>) picture.get("media");

        var response = world.api().get("/messages/" + picture.get("id") + "/media").then().statusCode(200).extract();
        byte[] file = response.asByteArray();
        assertThat(new String(file, StandardCharsets.UTF_8)).isEqualTo("kubezap history picture 0");
        // the SHA-256 the phone's message named, as the API shows it and as the file's ETag
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        assertThat(media).containsEntry("sha256", sha256).containsEntry("size", file.length);
        assertThat(response.header("ETag")).isEqualTo("\"" + sha256 + "\"");
    }

    @Test
    @Order(3)
    void olderMessagesOfAChatComeOnDemand() {
        var chat = pastChats.getFirst();
        long before = world.lastEventId();
        world.api().body(Map.of("count", 4)).post("/chats/" + chat.get("jid") + "/history").then().statusCode(202);

        var answer = await().atMost(PATIENCE).until(() -> world.eventsAfter("history.synced", before), events -> !events.isEmpty());
        assertThat(payload(answer.getFirst())).containsEntry("type", "on-demand").containsEntry("messages", 4);
        var older = ((List<?>) chat.get("messages")).stream().map(message -> (Map<?, ?>) message)
                .filter(message -> message.get("text").toString().startsWith("older ")).map(message -> message.get("id").toString())
                .toList();
        var stored = world.api().queryParam("limit", 200).get("/chats/" + chat.get("jid") + "/messages")
                .then().statusCode(200).extract().jsonPath().<String>getList("items.waMessageId");
        assertThat(stored).containsAll(older.subList(older.size() - 4, older.size()));
        assertThat(stored).doesNotContainAnyElementsOf(older.subList(0, older.size() - 4));
        assertThat(stored).as("the chat's recent messages and the 4 older ones, each once")
                .hasSize(ids(chat, "history ", "picture ").size() + 4).doesNotHaveDuplicates();
        assertThat(world.events("message.received")).isEmpty();
    }

    @Test
    @Order(4)
    void aPersonKnownOnlyFromHistoryHasBothAddressesAndTheirLidNamesTheSameChat() {
        // the history carries each chat's LID (phoneNumberToLidMappings, the conversation's lidJid): nothing else told it
        for (var chat : pastChats) {
            String jid = chat.get("jid").toString();
            String lid = (String) chat.get("lid");
            String number = jid.substring(0, jid.indexOf('@'));
            assertThat(lid).as("the simulator's history names %s's LID", jid).endsWith("@lid");
            world.api().get("/chats/" + lid).then().statusCode(200).body("jid", equalTo(jid)).body("lid", equalTo(lid))
                    .body("phoneNumber", equalTo(number));
            var listed = world.api().queryParam("limit", 100).get("/chats").then().statusCode(200).extract().jsonPath();
            assertThat(listed.getString("items.find { it.jid == '" + jid + "' }.lid")).as("the chat list gives %s's LID", jid).isEqualTo(lid);
            var messages = world.api().queryParam("limit", 5).get("/chats/" + lid + "/messages").then().statusCode(200).extract().jsonPath();
            assertThat(messages.getList("items.chat")).as("%s's history, asked by its LID", jid).isNotEmpty().containsOnly(jid);
            assertThat(messages.getList("items.lid")).containsOnly(lid);
        }
    }

    /** How many messages the history batches stored so far, by their events. */
    static int storedByBatches(PodAgainstSimulator world) {
        return world.events("history.synced").stream().mapToInt(event -> ((Number) payload(event).get("messages")).intValue()).sum();
    }

    @SuppressWarnings("unchecked")
    static Set<String> ids(Map<String, Object> chat, String... textPrefixes) {
        return ((List<Map<String, Object>>) chat.get("messages")).stream()
                .filter(message -> List.of(textPrefixes).stream().anyMatch(message.get("text").toString()::startsWith))
                .map(message -> message.get("id").toString()).collect(Collectors.toSet());
    }
}
