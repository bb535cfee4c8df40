package io.kubezap.session.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 54 part 3, the import of recent history ({@code spec.chatwoot.importMessages}, {@code daysLimitImportMessages}):
 * a phone with 3 chats, 30 messages of the last day (one a picture, every third the owner's) and 6 from 200 days ago
 * links the packaged pod (spec.history Full, so the old ones come too). Its recent messages reach the Chatwoot stand-in,
 * each exactly once, oldest first in its contact's conversation, incoming or outgoing as they were, the picture as an
 * attachment; the old ones, beyond the 3-day limit, not at all. The pod is killed with SIGKILL in the middle of the
 * import, after Chatwoot made a message whose answer the pod never heard, and imports nothing twice after it; a
 * further restart imports nothing again. Run once per engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChatwootImportIT {

    private static final String OWNER = "5511999991054";
    private static final String TOKEN = "chatwoot-token-of-an-admin";
    private static final int RECENT = 30;
    /** The import is killed while Chatwoot holds the answer to this post. */
    private static final int KILLED_AT_POST = 8;

    @Parameter
    EngineKind engine;

    private ChatwootStandIn chatwoot;
    private PodAgainstSimulator world;
    private List<Map<String, Object>> pastChats;

    @BeforeParameterizedClassInvocation
    void startPodSimulatorAndChatwoot() throws Exception {
        chatwoot = ChatwootStandIn.start(TOKEN);
        Path workDir = Files.createTempDirectory(Path.of("target"), "chatwoot-import-it-" + engine + "-");
        Map<String, String> environment = new HashMap<>(BaileysBridge.environment(engine));
        environment.putAll(chatwoot.podEnvironment());
        environment.putAll(Map.of("KUBEZAP_CHATWOOT_IMPORT_MESSAGES", "true",
                "KUBEZAP_CHATWOOT_DAYS_LIMIT_IMPORT_MESSAGES", "3",
                "KUBEZAP_CHATWOOT_IMPORT_SETTLE", "10s",
                "KUBEZAP_CHATWOOT_RETRY_MAX_DELAY", "2s",
                "KUBEZAP_HISTORY", "Full"));
        world = PodAgainstSimulator.create(workDir, "loja-cwi-" + engine.name().toLowerCase(), environment);
        chatwoot.deliverWebhooksTo(() -> world.podAlive() ? world.podBaseUrl() : null);
        world.createPhone(OWNER, "Loja");
        pastChats = world.control().body(Map.of("chats", 3, "messages", RECENT, "olderMessages", 6, "media", 1,
                        "messagesPerChunk", 10))
                .put("/api/phones/" + OWNER + "/history").then().statusCode(200).extract().jsonPath().getList("$");
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        try {
            if (world != null) {
                world.close();
            }
        } finally {
            if (chatwoot != null) {
                chatwoot.close();
            }
        }
    }

    @Test
    @Order(1)
    void theRecentHistoryIsImportedOnceOldestFirstEvenWithAKillInTheMiddle() throws Exception {
        chatwoot.answerMessageAfter(KILLED_AT_POST, Duration.ofSeconds(60));
        world.startPod();
        world.scanCurrentQr(OWNER);
        world.awaitPhase("Connected");

        await().atMost(PATIENCE).until(() -> imported().size() >= KILLED_AT_POST);
        world.killPod();
        chatwoot.answerMessageAfter(0, Duration.ZERO);
        world.startPod();
        world.awaitPhase("Connected");

        await().atMost(PATIENCE).until(() -> importsLeft() == 0 && imported().size() >= RECENT);
        Map<String, Map<String, Object>> recent = pastMessages(text -> text.startsWith("history ") || text.startsWith("picture "));
        assertThat(recent).hasSize(RECENT);
        List<String> importedIds = imported().stream().map(m -> m.path("source_id").asText().substring("WAID:".length())).toList();
        assertThat(importedIds).as("each recent message once").containsExactlyInAnyOrderElementsOf(recent.keySet());
        assertThat(importedIds).as("none beyond daysLimitImportMessages")
                .doesNotContainAnyElementsOf(pastMessages(text -> text.startsWith("older ")).keySet());

        assertThat(chatwoot.contacts()).as("a contact per chat").hasSize(3)
                .extracting(c -> c.path("phone_number").asText())
                .containsExactlyInAnyOrderElementsOf(pastChats.stream().map(c -> "+" + c.get("jid").toString().split("@")[0]).toList());
        assertThat(chatwoot.conversations()).as("a conversation per chat").hasSize(3);
        for (ObjectNode conversation : chatwoot.conversations()) {
            List<ObjectNode> messages = chatwoot.messagesOf(conversation.path("id").asLong());
            assertThat(messages).extracting(m -> recent.get(waId(m)).get("timestamp").toString())
                    .as("oldest first, as they were written").isSorted();
            assertThat(messages).allSatisfy(m -> assertThat(m.path("message_type").asInt())
                    .isEqualTo((Boolean) recent.get(waId(m)).get("fromMe") ? 1 : 0));
        }
        ObjectNode picture = imported().stream().filter(m -> "picture 0".equals(m.path("content").asText())).findFirst().orElseThrow();
        assertThat(picture.path("attachments")).as("the picture as an attachment").hasSize(1);
        assertThat(imported()).filteredOn(m -> m.path("content").asText().startsWith("history "))
                .allSatisfy(m -> assertThat(m.path("content").asText()).isEqualTo(recent.get(waId(m)).get("text")));
    }

    @Test
    @Order(2)
    void aRestartImportsNothingAgain() throws Exception {
        int posts = chatwoot.requests("POST", "/conversations/\\d+/messages").size();
        world.restartPod();
        world.awaitPhase("Connected");
        Thread.sleep(15000); // longer than the import's settle time and a worker's round
        assertThat(chatwoot.requests("POST", "/conversations/\\d+/messages")).as("no post after the restart").hasSize(posts);
        assertThat(imported()).hasSize(RECENT);
    }

    /** The messages the connector posted with a WhatsApp source id, across conversations. */
    private List<ObjectNode> imported() {
        return chatwoot.conversations().stream().flatMap(c -> chatwoot.messagesOf(c.path("id").asLong()).stream())
                .filter(m -> m.path("source_id").asText("").startsWith("WAID:")).toList();
    }

    private static String waId(ObjectNode message) {
        return message.path("source_id").asText().substring("WAID:".length());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> pastMessages(java.util.function.Predicate<String> text) {
        return pastChats.stream().flatMap(chat -> ((List<Map<String, Object>>) chat.get("messages")).stream())
                .filter(message -> text.test(message.get("text").toString()))
                .collect(Collectors.toMap(message -> message.get("id").toString(), Function.identity()));
    }

    private int importsLeft() throws Exception {
        try (Connection connection = world.podDatabase().getConnection();
             ResultSet rows = connection.createStatement().executeQuery("select count(*) from chatwoot_imports")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
