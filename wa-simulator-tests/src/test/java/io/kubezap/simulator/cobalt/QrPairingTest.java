package io.kubezap.simulator.cobalt;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(120)
class QrPairingTest {
    private static ControlClient control;

    @BeforeAll
    static void startSimulator() {
        control = new ControlClient(SimulatorFixture.simulator().controlUrl());
    }

    @Test
    void cobaltShowsAQrFromSeveralRefsAndIsLinkedWhenThePhoneScansIt() throws Exception {
        var keyStore = KeyStores.fresh();
        var number = Pairing.createPhone(control, "Loja Centro");
        var client = CobaltClient.unregistered(keyStore);
        var loggedIn = client.api.connect();
        await().atMost(Pairing.QR_WAIT).until(() -> !client.qrCodes.isEmpty());
        var qr = client.qrCodes.getFirst();

        var offeredRefs = connectionShowing(qr.split(",")[0]).get("qrRefs");
        assertThat(offeredRefs.size()).isGreaterThan(1);
        assertThat(offeredRefs.get(0).asText()).isEqualTo(qr.split(",")[0]);

        var scan = control.post("/api/phones/" + number + "/scan", Map.of("qr", qr));
        assertThat(scan.status()).isEqualTo(200);
        loggedIn.get(Pairing.LOGIN_WAIT_SECONDS, TimeUnit.SECONDS);

        var jid = client.api.store().jid().orElseThrow();
        assertThat(jid.user()).isEqualTo(number);
        assertThat(jid.toString()).isEqualTo(scan.body().get("deviceJid").asText());
        await().atMost(Pairing.QR_WAIT).until(() -> client.logins.get() == 1);

        var device = control.get("/api/phones/" + number).body().get("devices").get(0);
        assertThat(device.get("status").asText()).isEqualTo("LINKED");
        assertThat(device.get("connected").asBoolean()).isTrue();

        var sent = control.get("/api/phones/" + number + "/devices/" + jid.device() + "/nodes").body();
        assertThat(childTags(sent)).contains("pair-device-sign", "active", "media_conn", "2fa", "registration");
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void thePhoneReadsTheLinkFormOfTheQrThatCurrentClientsShow() throws Exception {
        var number = Pairing.createPhone(control, "Loja Oeste");
        var client = CobaltClient.unregistered(KeyStores.fresh());
        var loggedIn = client.api.connect();
        await().atMost(Pairing.QR_WAIT).until(() -> !client.qrCodes.isEmpty());

        var scan = control.post("/api/phones/" + number + "/scan", Map.of("qr", "https://wa.me/settings/linked_devices#" + client.qrCodes.getFirst()));
        assertThat(scan.status()).as("scan of the link form: %s", scan.body()).isEqualTo(200);
        loggedIn.get(Pairing.LOGIN_WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(client.api.store().jid().orElseThrow().toString()).isEqualTo(scan.body().get("deviceJid").asText());
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theServerNamesTheCompanionsDeviceLidAtPairingAndAtLogin() throws Exception {
        var number = Pairing.createPhone(control, "Loja Leste");
        var client = CobaltClient.unregistered(KeyStores.fresh());
        var loggedIn = client.api.connect();
        await().atMost(Pairing.QR_WAIT).until(() -> !client.qrCodes.isEmpty());
        var qr = client.qrCodes.getFirst();
        var pairingConnection = connectionShowing(qr.split(",")[0]).get("id").asLong();

        var scan = control.post("/api/phones/" + number + "/scan", Map.of("qr", qr));
        assertThat(scan.status()).isEqualTo(200);
        loggedIn.get(Pairing.LOGIN_WAIT_SECONDS, TimeUnit.SECONDS);

        var device = Pairing.deviceId(client);
        var accountLid = control.get("/api/phones/" + number).body().get("lid").asText();
        var deviceLid = accountLid.replace("@lid", ":" + device + "@lid");
        var pairSuccess = ServerNodesLog.sentOn(control, pairingConnection).stream()
                .flatMap(node -> children(node, "pair-success").stream())
                .findFirst().orElseThrow(() -> new AssertionError("no pair-success sent on connection " + pairingConnection));
        var deviceNode = children(pairSuccess, "device").getFirst().get("attributes");
        assertThat(deviceNode.get("jid").asText()).isEqualTo(scan.body().get("deviceJid").asText());
        assertThat(deviceNode.path("lid").asText()).as("pair-success <device lid>").isEqualTo(deviceLid);

        await().atMost(Pairing.QR_WAIT).until(() -> client.logins.get() == 1);
        var success = ServerNodesLog.sentOn(control, ServerNodesLog.connectionId(control, number, device)).stream()
                .filter(node -> node.get("tag").asText().equals("success"))
                .findFirst().orElseThrow();
        assertThat(success.get("attributes").get("lid").asText()).as("success names the device's LID").isEqualTo(deviceLid);
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    private static java.util.List<JsonNode> children(JsonNode node, String tag) {
        var content = node.get("content");
        if (content == null || !content.isArray()) {
            return java.util.List.of();
        }
        return StreamSupport.stream(content.spliterator(), false).filter(child -> child.path("tag").asText().equals(tag)).toList();
    }

    @Test
    void aRestartedClientLogsInWithItsStoredKeysWithoutAQr() throws Exception {
        var keyStore = KeyStores.fresh();
        var number = Pairing.createPhone(control, "Loja Norte");
        var first = Pairing.pairNewClient(control, keyStore, number);
        var jid = first.api.store().jid().orElseThrow();
        first.api.disconnect().get(10, TimeUnit.SECONDS);
        await().atMost(Pairing.QR_WAIT).until(() -> !first.api.isConnected());

        var restarted = CobaltClient.restored(keyStore, first.id);
        restarted.api.connect().get(Pairing.LOGIN_WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(restarted.qrCodes).isEmpty();
        assertThat(restarted.api.store().jid()).hasValue(jid);
        assertThat(control.get("/api/phones/" + number).body().get("devices").get(0).get("connected").asBoolean()).isTrue();
        restarted.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aScanOfAnUnknownRefOrPhoneOrOfGarbageIsRefused() {
        var number = Pairing.createPhone(control, "Loja Sul");
        var key = Base64.getEncoder().encodeToString(new byte[32]);
        var unknownRef = String.join(",", "2@not-offered", key, key, key, "1");

        assertThat(control.post("/api/phones/" + number + "/scan", Map.of("qr", unknownRef)).status()).isEqualTo(404);
        assertThat(control.post("/api/phones/" + Pairing.newPhoneNumber() + "/scan", Map.of("qr", unknownRef)).status()).isEqualTo(404);
        var garbage = control.post("/api/phones/" + number + "/scan", Map.of("qr", "not a qr code"));
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.body().get("detail").asText()).contains("comma-separated");
    }

    private static JsonNode connectionShowing(String ref) {
        var connections = control.get("/api/connections").body();
        return StreamSupport.stream(connections.spliterator(), false)
                .filter(connection -> StreamSupport.stream(connection.get("qrRefs").spliterator(), false)
                        .anyMatch(offered -> offered.asText().equals(ref)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("No connection offered ref " + ref + ": " + connections));
    }

    private static java.util.List<String> childTags(JsonNode nodes) {
        return StreamSupport.stream(nodes.spliterator(), false)
                .filter(node -> node.get("content") != null && node.get("content").isArray())
                .flatMap(node -> StreamSupport.stream(node.get("content").spliterator(), false))
                .map(child -> child.path("tag").asText())
                .toList();
    }
}
