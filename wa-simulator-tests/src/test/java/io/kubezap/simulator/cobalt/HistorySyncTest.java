package io.kubezap.simulator.cobalt;

import com.fasterxml.jackson.databind.JsonNode;
import it.auties.whatsapp.api.WebHistorySetting;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static io.kubezap.simulator.cobalt.ServerNodesLog.connectionId;
import static io.kubezap.simulator.cobalt.ServerNodesLog.list;
import static io.kubezap.simulator.cobalt.ServerNodesLog.sentOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A phone with past conversations sends them to an unmodified Cobalt as history syncs, as deep as Cobalt asked. */
@Timeout(180)
class HistorySyncTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ControlClient control;

    @BeforeAll
    static void startSimulator() {
        control = new ControlClient(SimulatorFixture.simulator().controlUrl());
    }

    @Test
    void aCompanionAskingForRecentHistoryGetsTheLastDaysInChunksNotTheOlderMessages() throws Exception {
        var shop = Pairing.createPhone(control, "Loja");
        var chats = givePastChats(shop);
        var client = Pairing.pairNewClient(control, CobaltClient.unregistered(KeyStores.fresh(), WebHistorySetting.standard(false)), shop);
        var device = Pairing.deviceId(client);
        var connection = connectionId(control, shop, device);

        await().atMost(WAIT).until(() -> sentOn(control, connection).stream().anyMatch(ServerNodesLog::isOfflineMarker));
        var fromPhone = sentOn(control, connection).stream()
                .filter(node -> "peer".equals(node.path("attributes").path("category").asText())).toList();
        // the key share, the bootstrap, and 20 - 3 x 5 = 5 recent messages in chunks of 4
        assertThat(fromPhone).hasSize(1 + 1 + 2);
        // Cobalt downloaded, decrypted and read each chunk (it answers each with a hist_sync receipt, errors or not)
        var historyIds = fromPhone.subList(1, fromPhone.size()).stream().map(node -> node.get("attributes").get("id").asText()).toList();
        await().atMost(WAIT).until(() -> histSyncReceipts(shop, device).containsAll(historyIds));
        assertThat(client.errors).as("Cobalt's errors").isEmpty();
        // what the phone sent, as the simulator recorded it (Cobalt 0.0.10 merges chunks into its chats in whatever
        // order it finishes them, so its store is no measure of what came): first each chat's newest five, then the
        // rest of the last days, each message once, none older
        var syncs = list(control.get("/api/phones/" + shop + "/devices/" + device + "/history-syncs").body());
        assertThat(syncs).extracting(sync -> sync.get("syncType").asText() + " " + sync.get("chunkOrder").asInt() + " "
                + sync.get("progress").asInt()).containsExactly("INITIAL_BOOTSTRAP 0 100", "RECENT 1 80", "RECENT 2 100");
        var newest = chats.stream().flatMap(chat -> {
            var messages = StreamSupport.stream(chat.get("messages").spliterator(), false).toList();
            return messages.subList(messages.size() - 5, messages.size()).stream();
        }).map(message -> message.get("id").asText()).collect(Collectors.toSet());
        assertThat(messageIds(syncs.getFirst())).containsExactlyInAnyOrderElementsOf(newest);
        var sent = syncs.stream().flatMap(sync -> messageIds(sync).stream()).toList();
        assertThat(sent).as("every recent message once, none older than the recent window")
                .containsExactlyInAnyOrderElementsOf(ids(chats, "history ", "picture "));
        // and Cobalt fetched every chunk from the media host
        var downloads = StreamSupport.stream(control.get("/api/media").body().spliterator(), false)
                .collect(Collectors.toMap(blob -> blob.get("directPath").asText(), blob -> blob.get("downloads").asInt()));
        assertThat(syncs).allSatisfy(sync -> assertThat(downloads.get(sync.get("directPath").asText())).isPositive());
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    private static Set<String> histSyncReceipts(String shop, int device) {
        return StreamSupport.stream(control.get("/api/phones/" + shop + "/devices/" + device + "/nodes").body().spliterator(), false)
                .filter(node -> node.get("tag").asText().equals("receipt")
                        && "hist_sync".equals(node.path("attributes").path("type").asText()))
                .map(node -> node.path("attributes").path("id").asText()).collect(Collectors.toSet());
    }

    @Test
    void aCompanionAskingForTheFullHistoryIsSentTheOlderMessagesToo() throws Exception {
        var shop = Pairing.createPhone(control, "Loja");
        givePastChats(shop);
        var client = Pairing.pairNewClient(control, CobaltClient.unregistered(KeyStores.fresh(), WebHistorySetting.extended(false)), shop);

        // what the phone sends (Cobalt 0.0.10 itself keeps only the bootstrap when it asks for everything; the session
        // pod reads the chunks itself: session-pod's HistorySyncIT)
        var connection = connectionId(control, shop, Pairing.deviceId(client));
        await().atMost(WAIT).until(() -> sentOn(control, connection).stream().anyMatch(ServerNodesLog::isOfflineMarker));
        var peerMessages = sentOn(control, connection).stream()
                .filter(node -> "peer".equals(node.path("attributes").path("category").asText())).count();
        // the key share, the bootstrap, 2 chunks of recent and 2 of older messages
        assertThat(peerMessages).isEqualTo(1 + 1 + 2 + 2);
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aCompanionAskingForNoHistoryGetsThePushNamesAloneInline() throws Exception {
        var shop = Pairing.createPhone(control, "Loja");
        givePastChats(shop);
        var client = Pairing.pairNewClient(control, CobaltClient.unregistered(KeyStores.fresh(), WebHistorySetting.discard(false)), shop);
        var connection = connectionId(control, shop, Pairing.deviceId(client));

        await().atMost(WAIT).until(() -> sentOn(control, connection).stream().anyMatch(ServerNodesLog::isOfflineMarker));
        assertThat(sentOn(control, connection).stream().filter(node -> "peer".equals(node.path("attributes").path("category").asText())))
                .as("the key share and the inline bootstrap").hasSize(2);
        assertThat(client.api.store().chats().stream().mapToLong(chat -> chat.messages().size()).sum()).isZero();
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    private static List<JsonNode> givePastChats(String shop) {
        var given = control.put("/api/phones/" + shop + "/history",
                Map.of("chats", 3, "messages", 20, "olderMessages", 6, "media", 1, "messagesPerChunk", 4));
        assertThat(given.status()).as("%s", given.body()).isEqualTo(200);
        return StreamSupport.stream(given.body().spliterator(), false).toList();
    }

    private static Set<String> ids(List<JsonNode> chats, String... textPrefixes) {
        return chats.stream().flatMap(chat -> StreamSupport.stream(chat.get("messages").spliterator(), false))
                .filter(message -> List.of(textPrefixes).stream().anyMatch(message.get("text").asText()::startsWith))
                .map(message -> message.get("id").asText()).collect(Collectors.toSet());
    }

    private static List<String> messageIds(JsonNode sync) {
        return StreamSupport.stream(sync.get("messageIds").spliterator(), false).map(JsonNode::asText).toList();
    }

}
