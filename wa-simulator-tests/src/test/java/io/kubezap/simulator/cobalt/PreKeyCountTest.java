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

    @Test
    void theDigestIsTheDevicesBundleAsTheServerHoldsItWithAHashTheClientCanRecompute() throws Exception {
        var shop = Pairing.createPhone(control, "Loja");
        var client = Pairing.pairNewClient(control, KeyStores.fresh(), shop);
        await().atMost(Duration.ofSeconds(30)).until(() -> uploadedPreKeys(shop, Pairing.deviceId(client)) > 0);

        var answer = client.api.sendNode(Node.of("iq", Map.of("xmlns", "encrypt", "type", "get", "to", JidServer.whatsapp().toJid()),
                Node.of("digest"))).get(30, TimeUnit.SECONDS);
        var digest = answer.findChild("digest").orElseThrow(() -> new AssertionError("no digest in " + answer));

        var keys = client.api.keys();
        assertThat(java.nio.ByteBuffer.wrap(bytes(digest, "registration")).getInt()).isEqualTo(keys.registrationId());
        assertThat(bytes(digest, "identity")).isEqualTo(raw(keys.identityKeyPair().publicKey()));
        var signed = digest.findChild("skey").orElseThrow();
        assertThat(new java.math.BigInteger(1, bytes(signed, "id")).intValue()).isEqualTo(keys.signedKeyPair().id());
        assertThat(bytes(signed, "value")).isEqualTo(raw(keys.signedKeyPair().publicKey()));
        var listed = digest.findChild("list").orElseThrow().listChildren("id").stream()
                .map(id -> new java.math.BigInteger(1, id.contentAsBytes().orElseThrow()).intValue()).toList();
        assertThat(listed).as("one-time pre-keys the server still holds").hasSize(count(client));

        var sha1 = java.security.MessageDigest.getInstance("SHA-1");
        sha1.update(raw(keys.identityKeyPair().publicKey()));
        sha1.update(raw(keys.signedKeyPair().publicKey()));
        sha1.update(keys.signedKeyPair().signature());
        listed.forEach(id -> sha1.update(raw(keys.preKeys().stream().filter(key -> key.id() == id).findFirst().orElseThrow().publicKey())));
        assertThat(bytes(digest, "hash")).isEqualTo(sha1.digest());
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    private static byte[] bytes(Node parent, String child) {
        return parent.findChild(child).flatMap(Node::contentAsBytes).orElseThrow(() -> new AssertionError("no " + child + " in " + parent));
    }

    private static byte[] raw(byte[] key) {
        return key.length == 33 ? java.util.Arrays.copyOfRange(key, 1, 33) : key;
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
