package io.kubezap.simulator.cobalt;

import com.fasterxml.jackson.databind.JsonNode;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.message.standard.TextMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubezap.simulator.cobalt.ServerNodesLog.connectionId;
import static io.kubezap.simulator.cobalt.ServerNodesLog.isOfflineMarker;
import static io.kubezap.simulator.cobalt.ServerNodesLog.list;
import static io.kubezap.simulator.cobalt.ServerNodesLog.markerCount;
import static io.kubezap.simulator.cobalt.ServerNodesLog.sentOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(180)
class OfflineQueueTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ControlClient control;

    @BeforeAll
    static void startSimulator() {
        control = new ControlClient(SimulatorFixture.simulator().controlUrl());
    }

    @Test
    void onAFirstLoginThePhoneSharesTheKeyAndTheInitialHistoryThenTheOfflineMarkerFollows() throws Exception {
        var shop = Pairing.createPhone(control, "Loja");
        var client = Pairing.pairNewClient(control, KeyStores.fresh(), shop);
        var device = Pairing.deviceId(client);
        var connection = connectionId(control, shop, device);

        await().atMost(WAIT).until(() -> sentOn(control, connection).stream().anyMatch(ServerNodesLog::isOfflineMarker));
        var sent = sentOn(control, connection);
        var fromPhone = sent.stream().filter(node -> "peer".equals(node.path("attributes").path("category").asText())).toList();
        assertThat(fromPhone).as("key share and history sync among %s", sent).hasSize(2);
        var marker = indexOf(sent, ServerNodesLog::isOfflineMarker);
        assertThat(marker).isGreaterThan(sent.indexOf(fromPhone.getLast()));
        assertThat(markerCount(sent.get(marker))).isZero();
        assertThat(sent.stream().filter(ServerNodesLog::isOfflineMarker)).hasSize(1);
        // Cobalt answers a history-sync notification it processed with a hist_sync receipt
        var historyId = fromPhone.getLast().get("attributes").get("id").asText();
        await().atMost(WAIT).until(() -> list(control.get("/api/phones/" + shop + "/devices/" + device + "/nodes").body()).stream()
                .anyMatch(node -> node.get("tag").asText().equals("receipt")
                        && historyId.equals(node.path("attributes").path("id").asText())
                        && "hist_sync".equals(node.path("attributes").path("type").asText())));
        assertThat(client.errors).as("Cobalt's errors").isEmpty();
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void whatArrivesWhileTheCompanionIsAwayIsQueuedThenDeliveredInOrderBeforeTheMarker() throws Exception {
        var keyStore = KeyStores.fresh();
        var shop = Pairing.createPhone(control, "Loja");
        var customer = Pairing.createPhone(control, "Cliente Fiel");
        var first = Pairing.pairNewClient(control, keyStore, shop);
        var device = Pairing.deviceId(first);
        var customerJid = Jid.of(customer, JidServer.whatsapp());
        var sentByShop = first.api.sendChatMessage(customerJid, "Seu pedido chegou").get(30, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> list(control.get("/api/phones/" + customer + "/messages").body()).size() == 1);
        first.flush();
        first.api.disconnect().get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> !control.get("/api/phones/" + shop).body().get("devices").get(0).get("connected").asBoolean());

        var ids = new ArrayList<String>();
        for (var text : List.of("Um", "Dois", "Três")) {
            var sent = control.post("/api/phones/" + customer + "/messages", Map.of("to", shop, "text", text));
            assertThat(sent.status()).as("%s", sent.body()).isEqualTo(202);
            ids.add(sent.body().get("id").asText());
        }
        var receipt = control.post("/api/phones/" + customer + "/receipts", Map.of("messageId", sentByShop.id(), "type", "read"));
        assertThat(receipt.status()).as("%s", receipt.body()).isEqualTo(202);

        var queue = list(control.get("/api/phones/" + shop + "/devices/" + device + "/queue").body());
        assertThat(queue).extracting(entry -> entry.get("tag").asText() + ":" + entry.get("id").asText())
                .containsExactly("message:" + ids.get(0), "message:" + ids.get(1), "message:" + ids.get(2), "receipt:" + sentByShop.id());

        var restarted = CobaltClient.restored(keyStore, first.id);
        restarted.api.connect().get(Pairing.LOGIN_WAIT_SECONDS, TimeUnit.SECONDS);
        for (var index = 0; index < ids.size(); index++) {
            var id = ids.get(index);
            await().atMost(WAIT).until(() -> restarted.api.store().findMessageById(customerJid, id).isPresent());
            var stored = (ChatMessageInfo) restarted.api.store().findMessageById(customerJid, id).orElseThrow();
            assertThat(((TextMessage) stored.message().content()).text()).isEqualTo(List.of("Um", "Dois", "Três").get(index));
        }
        var connection = connectionId(control, shop, device);
        await().atMost(WAIT).until(() -> sentOn(control, connection).stream().anyMatch(ServerNodesLog::isOfflineMarker));
        var sent = sentOn(control, connection);
        var delivered = sent.stream()
                .filter(node -> List.of("message", "receipt").contains(node.get("tag").asText()))
                .map(node -> node.get("tag").asText() + ":" + node.get("attributes").get("id").asText())
                .toList();
        assertThat(delivered).startsWith("message:" + ids.get(0), "message:" + ids.get(1), "message:" + ids.get(2), "receipt:" + sentByShop.id());
        var marker = indexOf(sent, ServerNodesLog::isOfflineMarker);
        assertThat(markerCount(sent.get(marker))).isEqualTo(4);
        assertThat(marker).isGreaterThan(indexOf(sent, node -> sentByShop.id().equals(node.path("attributes").path("id").asText())));
        await().atMost(WAIT).until(() -> control.get("/api/phones/" + shop + "/devices/" + device + "/queue").body().isEmpty());
        var live = control.post("/api/phones/" + customer + "/messages", Map.of("to", shop, "text", "Quatro")).body().get("id").asText();
        await().atMost(WAIT).until(() -> sentOn(control, connection).stream().anyMatch(node -> live.equals(id(node))));
        var stanzas = sentOn(control, connection).stream().filter(node -> List.of("message", "receipt").contains(node.get("tag").asText())).toList();
        assertThat(stanzas).as("the backlog, then a live message").filteredOn(ServerNodesLog::isFromOfflineStorage)
                .extracting(OfflineQueueTest::id).containsExactly(ids.get(0), ids.get(1), ids.get(2), sentByShop.id());
        restarted.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    private static String id(JsonNode node) {
        return node.path("attributes").path("id").asText();
    }

    private static int indexOf(List<JsonNode> nodes, java.util.function.Predicate<JsonNode> wanted) {
        for (var index = 0; index < nodes.size(); index++) {
            if (wanted.test(nodes.get(index))) {
                return index;
            }
        }
        return -1;
    }
}
