package io.kubezap.session.api;

import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.HistoryBlob;
import io.kubezap.session.engine.HistoryConversation;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.history.KeptHistoryRepository;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.SimulatedWhatsApp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.kubezap.session.testing.Api.SESSION;
import static io.kubezap.session.testing.Api.authorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Batches of the phone's history: stored once as history, never announced one by one, bounded; older on demand. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class HistoryApiTest {

    private static final String ANA = "5511977770037@s.whatsapp.net";
    private static final String BIA = "5511966660037@s.whatsapp.net";
    private static final String SELF = "5511999990001@s.whatsapp.net";
    private static final Instant LONG_AGO = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    @Inject
    SimulatedWhatsApp whatsapp;

    @Inject
    KeptHistoryRepository keptHistory;

    /** Events are kept across tests: each test reads those after the newest one at its start. */
    private long firstEvent;

    @BeforeEach
    void connectedWithNoHistory() {
        whatsapp.resetToConnected();
        authorized().delete(SESSION + "/messages").then().statusCode(200);
        List<Integer> newest = authorized().get(SESSION + "/events?limit=1").then().statusCode(200).extract().jsonPath()
                .getList("items.id", Integer.class);
        firstEvent = newest.isEmpty() ? 0 : newest.getFirst();
    }

    @Test
    void aBatchIsStoredAsHistoryWithItsChatsAndOneEventAndAgainAddsNothing() {
        var batch = new EngineEvent.HistorySynced("recent", 1, 40, List.of(
                conversation(ANA, "Ana", messages(ANA, "A", 3)), conversation(BIA, "Bia", List.of())));
        whatsapp.emit(batch);

        await().until(() -> historyEvents().size(), equalTo(1));
        assertThat(historyEvents().getFirst()).containsEntry("type", "recent").containsEntry("chunkOrder", 1)
                .containsEntry("progress", 40).containsEntry("chats", 2).containsEntry("messages", 3)
                .containsEntry("duplicates", 0).containsEntry("dropped", 0).containsEntry("chatJids", List.of(ANA, BIA));
        authorized().get(SESSION + "/chats/" + ANA + "/messages").then().statusCode(200)
                .body("items.size()", equalTo(3)).body("items.history", equalTo(List.of(true, true, true)))
                .body("items.text", equalTo(List.of("A2", "A1", "A0")));
        authorized().get(SESSION + "/chats/" + ANA).then().statusCode(200)
                .body("name", equalTo("Ana")).body("unreadCount", equalTo(0)).body("messageCount", equalTo(3));
        authorized().get(SESSION + "/chats/" + BIA).then().statusCode(200).body("name", equalTo("Bia"));
        assertThat(eventsAfterStart("message.received")).isEmpty();
        assertThat(eventsAfterStart("message.sent")).isEmpty();

        whatsapp.emit(batch);
        await().until(() -> historyEvents().size(), equalTo(2));
        assertThat(historyEvents().getFirst()).containsEntry("messages", 0).containsEntry("duplicates", 3);
        authorized().get(SESSION + "/chats/" + ANA + "/messages").then().body("items.size()", equalTo(3));
    }

    @Test
    void beyondTheBoundABatchKeepsItsNewestMessagesAndCountsTheRestDropped() {
        whatsapp.emit(new EngineEvent.HistorySynced("full", 3, 100, List.of(conversation(ANA, "Ana", messages(ANA, "A", 8)))));

        await().until(() -> historyEvents().size(), equalTo(1));
        assertThat(historyEvents().getFirst()).containsEntry("messages", 6).containsEntry("dropped", 2);
        authorized().get(SESSION + "/chats/" + ANA + "/messages").then()
                .body("items.text", equalTo(List.of("A7", "A6", "A5", "A4", "A3", "A2")));
    }

    @Test
    void olderMessagesAreAskedForFromTheOldestStoredOne() {
        authorized().contentType("application/json").body(Map.of("count", 20)).post(SESSION + "/chats/" + ANA + "/history")
                .then().statusCode(404);
        whatsapp.emit(new EngineEvent.HistorySynced("bootstrap", 0, 100, List.of(conversation(ANA, "Ana", messages(ANA, "A", 2)))));
        await().until(() -> historyEvents().size(), equalTo(1));

        authorized().contentType("application/json").body(Map.of("count", 20)).post(SESSION + "/chats/" + ANA + "/history")
                .then().statusCode(202).body("beforeWaMessageId", equalTo("A0")).body("count", equalTo(20))
                .body("requestId", equalTo("REQ1"));
        assertThat(whatsapp.historyRequests()).singleElement().satisfies(request -> {
            assertThat(request.oldest().messageId()).isEqualTo("A0");
            assertThat(request.oldest().chatJid()).isEqualTo(ANA);
            assertThat(request.oldestAt()).isEqualTo(LONG_AGO);
            assertThat(request.count()).isEqualTo(20);
        });
        authorized().contentType("application/json").body(Map.of("count", 501)).post(SESSION + "/chats/" + ANA + "/history")
                .then().statusCode(400);
    }

    @Test
    void chatsTheHistoryNamesWithoutMessagesTakeTheirPlaceInTheChatListByTheirLastActivity() {
        String caio = "5511955550037@s.whatsapp.net";
        String dani = "5511944440037@s.whatsapp.net";
        String eva = "5511933330037@s.whatsapp.net";
        whatsapp.emit(new EngineEvent.HistorySynced("bootstrap", 0, 100, List.of(
                new HistoryConversation(caio, "Caio", 0, false, null, null, List.of(), LONG_AGO.minus(7, ChronoUnit.DAYS)),
                new HistoryConversation(dani, "Dani", 0, false, null, null, List.of(), Instant.now().minus(1, ChronoUnit.HOURS)),
                conversation(eva, "Eva", messages(eva, "E", 2)))));
        await().until(() -> historyEvents().size(), equalTo(1));

        var listed = authorized().queryParam("limit", 200).get(SESSION + "/chats").then().statusCode(200).extract().jsonPath()
                .<String>getList("items.jid");
        assertThat(listed.stream().filter(List.of(caio, dani, eva)::contains)).as("latest active first")
                .containsExactly(dani, eva, caio);
        authorized().get(SESSION + "/chats/" + dani).then().statusCode(200).body("messageCount", equalTo(0))
                .body("lastActivityAt", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aBatchWhoseBlobCannotBeHadIsKeptAndReadAgainUntilItIsStoredOnce() {
        var batch = new EngineEvent.HistorySynced("recent", 2, 60, List.of(conversation(ANA, "Ana", messages(ANA, "K", 3))));
        whatsapp.serveKeptHistory("HIST-KEPT-1", 2, batch);
        whatsapp.emit(new EngineEvent.HistoryDeferred(new HistoryBlob("HIST-KEPT-1", "recent", 2, 60, "/v/t62.36145-24/1_n.enc",
                "a2V5", "c2hh", "ZW5j", 120), "HTTP 500"));

        await().atMost(Duration.ofSeconds(30)).until(() -> historyEvents().size(), equalTo(1));
        assertThat(historyEvents().getFirst()).containsEntry("type", "recent").containsEntry("chunkOrder", 2)
                .containsEntry("messages", 3).containsEntry("duplicates", 0);
        assertThat(whatsapp.keptHistoryReads("HIST-KEPT-1")).as("two failures, then the read that worked").isEqualTo(3);
        authorized().get(SESSION + "/chats/" + ANA + "/messages").then().statusCode(200)
                .body("items.text", equalTo(List.of("K2", "K1", "K0"))).body("items.history", equalTo(List.of(true, true, true)));
        assertThat(eventsAfterStart("message.received")).isEmpty();
        // stored and forgotten: not read again
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> whatsapp.keptHistoryReads("HIST-KEPT-1"), equalTo(3));
    }

    @Test
    void aKeptBatchStillUnreadableTwoWeeksAfterItCameIsGivenUp() {
        var blob = new HistoryBlob("HIST-KEPT-OLD", "full", 7, 70, "/v/t62.36145-24/2_n.enc", "a2V5", "c2hh", "ZW5j", 120);
        whatsapp.serveKeptHistory("HIST-KEPT-OLD", 1_000, new EngineEvent.HistorySynced("full", 7, 70, List.of()));
        keptHistory.keep(blob, "HTTP 404", Instant.now().minus(15, ChronoUnit.DAYS));
        whatsapp.emit(new EngineEvent.HistoryDeferred(blob, "HTTP 404")); // the same notification again: still kept as it was

        await().atMost(Duration.ofSeconds(30)).until(() -> keptHistory.due(Instant.now().plus(1, ChronoUnit.DAYS)).stream()
                .noneMatch(kept -> kept.blob().notificationId().equals("HIST-KEPT-OLD")));
        assertThat(whatsapp.keptHistoryReads("HIST-KEPT-OLD")).as("tried once more, then given up").isEqualTo(1);
        assertThat(historyEvents()).isEmpty();
    }

    private static HistoryConversation conversation(String jid, String name, List<EngineEvent.IncomingMessage> messages) {
        return new HistoryConversation(jid, name, 0, false, null, null, messages);
    }

    /** {@code count} texts of {@code chat}, oldest first, a minute apart, every third the account's own. */
    private static List<EngineEvent.IncomingMessage> messages(String chat, String prefix, int count) {
        var messages = new ArrayList<EngineEvent.IncomingMessage>();
        for (int i = 0; i < count; i++) {
            boolean fromMe = i % 3 == 2;
            messages.add(new EngineEvent.IncomingMessage(prefix + i, chat, fromMe ? SELF : chat, fromMe ? null : "Ana",
                    new MessageContent.Text(prefix + i), null, List.of(), LONG_AGO.plus(i, ChronoUnit.MINUTES), fromMe));
        }
        return messages;
    }

    private List<Map<String, Object>> historyEvents() {
        return eventsAfterStart("history.synced");
    }

    /** Payloads of this test's events of {@code type}, newest first. */
    private List<Map<String, Object>> eventsAfterStart(String type) {
        return authorized().get(SESSION + "/events?type=" + type).then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("items").stream()
                .filter(event -> ((Number) event.get("id")).longValue() > firstEvent).map(event -> {
                    @SuppressWarnings("unchecked")
                    var payload = (Map<String, Object>) event.get("payload");
                    return payload;
                }).toList();
    }
}
