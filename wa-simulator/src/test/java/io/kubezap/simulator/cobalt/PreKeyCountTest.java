package io.kubezap.simulator.cobalt;

import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(120)
class PreKeyCountTest {
    private static ControlClient control;

    @BeforeAll
    static void startSimulator() {
        control = new ControlClient(SimulatorFixture.simulator().controlUrl());
    }

    @Test
    void theCountIsTheUploadedPreKeysNobodyFetchedYet() throws Exception {
        var shop = Pairing.createPhone(control, "Loja");
        var customer = Pairing.createPhone(control, "Cliente");
        var client = Pairing.pairNewClient(control, KeyStores.fresh(), shop);
        var device = Pairing.deviceId(client);
        var connection = ServerNodesLog.connectionId(control, shop, device);
        await().atMost(Duration.ofSeconds(30)).until(() -> ServerNodesLog.sentOn(control, connection).stream().anyMatch(ServerNodesLog::isOfflineMarker));
        var uploaded = uploadedPreKeys(shop, device);
        assertThat(uploaded).isPositive();

        assertThat(count(client)).as("the shop's own phone took one to share the app-state key").isEqualTo(uploaded - 1);

        assertThat(control.post("/api/phones/" + customer + "/messages", Map.of("to", shop, "text", "Oi")).status()).isEqualTo(202);
        assertThat(count(client)).as("the customer's phone fetched a bundle with one pre-key").isEqualTo(uploaded - 2);
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    private static int count(CobaltClient client) throws Exception {
        var answer = client.api.sendNode(Node.of("iq", Map.of("xmlns", "encrypt", "type", "get", "to", JidServer.whatsapp().toJid()),
                Node.of("count"))).get(30, TimeUnit.SECONDS);
        return answer.findChild("count").orElseThrow(() -> new AssertionError("no count in " + answer))
                .attributes().getInt("value");
    }

    /** The one-time pre-keys the device's uploads carried, as the server logged them. */
    private static int uploadedPreKeys(String number, int device) {
        var nodes = control.get("/api/phones/" + number + "/devices/" + device + "/nodes").body();
        return StreamSupport.stream(nodes.spliterator(), false)
                .filter(node -> node.get("tag").asText().equals("iq") && "encrypt".equals(node.path("attributes").path("xmlns").asText())
                        && "set".equals(node.path("attributes").path("type").asText()))
                .flatMap(iq -> StreamSupport.stream(iq.get("content").spliterator(), false))
                .filter(child -> child.get("tag").asText().equals("list"))
                .mapToInt(list -> list.get("content").size())
                .sum();
    }
}
