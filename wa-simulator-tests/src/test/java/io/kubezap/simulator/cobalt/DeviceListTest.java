package io.kubezap.simulator.cobalt;

import com.fasterxml.jackson.databind.JsonNode;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Device lists as WhatsApp gives them: a user asked by LID comes back under that LID with its number beside, and a
 * device an account adds later is announced to its peers ({@code devices} notification), which is how a client that
 * caches device lists learns it must send to it.
 */
@Timeout(120)
class DeviceListTest {
    private static ControlClient control;

    @BeforeAll
    static void startSimulator() {
        control = new ControlClient(SimulatorFixture.simulator().controlUrl());
    }

    @Test
    void aUserAskedByLidIsAnsweredUnderItsLidWithItsNumberBesideAndNoOtherLid() throws Exception {
        var shop = Pairing.createPhone(control, "Loja");
        var customer = Pairing.createPhone(control, "Ana Cliente");
        var customerLid = control.get("/api/phones/" + customer).body().get("lid").asText();
        var shopClient = Pairing.pairNewClient(control, KeyStores.fresh(), shop);

        var byLid = usyncUser(shopClient, Jid.of(customerLid));
        assertThat(byLid.attributes().getString("jid", "")).isEqualTo(customerLid);
        assertThat(byLid.attributes().getString("pn_jid", "")).isEqualTo(customer + "@s.whatsapp.net");
        var lid = byLid.findChild("lid").orElseThrow();
        assertThat(lid.attributes().getString("val", null)).as("a LID named as its own LID").isNull();
        assertThat(byLid.findChild("devices")).isPresent();

        var byNumber = usyncUser(shopClient, Jid.of(customer, JidServer.whatsapp()));
        assertThat(byNumber.attributes().getString("jid", "")).isEqualTo(customer + "@s.whatsapp.net");
        assertThat(byNumber.attributes().getString("pn_jid", null)).isNull();
        assertThat(byNumber.findChild("lid").orElseThrow().attributes().getString("val", "")).isEqualTo(customerLid);
        shopClient.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aDeviceAnAccountAddsIsAnnouncedToThoseInAGroupWithIt() throws Exception {
        var shop = Pairing.createPhone(control, "Loja");
        var customer = Pairing.createPhone(control, "Ana Cliente");
        var stranger = Pairing.createPhone(control, "Ninguém");
        var customerLid = control.get("/api/phones/" + customer).body().get("lid").asText();
        var shopClient = Pairing.pairNewClient(control, KeyStores.fresh(), shop);
        var strangerClient = Pairing.pairNewClient(control, KeyStores.fresh(), stranger);
        control.post("/api/groups", Map.of("from", shop, "subject", "Equipe", "participants", List.of(customer)));

        var tablet = control.post("/api/phones/" + customer + "/simulated-devices", Map.of()).body().get("deviceId").asInt();

        var connection = ServerNodesLog.connectionId(control, shop, Pairing.deviceId(shopClient));
        var notification = await().atMost(Duration.ofSeconds(30)).until(() -> devicesNotification(connection), Optional::isPresent).orElseThrow();
        assertThat(notification.get("attributes").get("from").asText()).isEqualTo(customer + "@s.whatsapp.net");
        assertThat(notification.get("attributes").get("lid").asText()).isEqualTo(customerLid);
        var add = notification.get("content").get(0);
        assertThat(add.get("tag").asText()).isEqualTo("add");
        assertThat(add.get("attributes").get("device_hash").asText())
                .as("the hash of the new list: phone and tablet").isEqualTo(hash(customer + ".0:0@s.whatsapp.net", customer + ".0:" + tablet + "@s.whatsapp.net"));
        var device = ServerNodesLog.list(add.get("content")).stream().filter(child -> child.get("tag").asText().equals("device")).findFirst().orElseThrow();
        assertThat(device.get("attributes").get("jid").asText()).isEqualTo(customer + ":" + tablet + "@s.whatsapp.net");
        assertThat(device.get("attributes").get("lid").asText()).isEqualTo(customerLid.replace("@lid", ":" + tablet + "@lid"));
        assertThat(device.get("attributes").get("key-index").asInt()).isEqualTo(tablet);
        var keyIndexList = ServerNodesLog.list(add.get("content")).stream().filter(child -> child.get("tag").asText().equals("key-index-list"))
                .findFirst().orElseThrow();
        assertThat(keyIndexList.get("attributes").get("ts").asLong()).isPositive();
        assertThat(keyIndexList.get("content").asText()).as("the account's signed key index list").startsWith("base64:");

        var strangerConnection = ServerNodesLog.connectionId(control, stranger, Pairing.deviceId(strangerClient));
        assertThat(devicesNotification(strangerConnection)).as("told to one who has nothing to do with the customer").isEmpty();
        shopClient.api.disconnect().get(10, TimeUnit.SECONDS);
        strangerClient.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aCompanionThatLinksAndOneThatIsUnlinkedAreAnnouncedToThoseWhoWriteToTheAccount() throws Exception {
        var shop = Pairing.createPhone(control, "Loja");
        var customer = Pairing.createPhone(control, "Bia Cliente");
        var customerLid = control.get("/api/phones/" + customer).body().get("lid").asText();
        var shopClient = Pairing.pairNewClient(control, KeyStores.fresh(), shop);
        control.post("/api/groups", Map.of("from", shop, "subject", "Equipe", "participants", List.of(customer)));
        var connection = ServerNodesLog.connectionId(control, shop, Pairing.deviceId(shopClient));

        var customerWeb = Pairing.pairNewClient(control, KeyStores.fresh(), customer);
        var webDevice = Pairing.deviceId(customerWeb);
        var add = await().atMost(Duration.ofSeconds(30)).until(() -> devicesChange(connection, "add"), Optional::isPresent).orElseThrow();
        assertThat(deviceOf(add).get("attributes").get("jid").asText()).isEqualTo(customer + ":" + webDevice + "@s.whatsapp.net");
        assertThat(deviceOf(add).get("attributes").get("lid").asText()).isEqualTo(customerLid.replace("@lid", ":" + webDevice + "@lid"));
        assertThat(add.get("attributes").get("device_hash").asText()).as("the hash of the new list: phone and web")
                .isEqualTo(hash(customer + ".0:0@s.whatsapp.net", customer + ".0:" + webDevice + "@s.whatsapp.net"));
        var webConnection = ServerNodesLog.connectionId(control, customer, webDevice);
        assertThat(devicesChange(webConnection, "add")).as("not told to the new device itself").isEmpty();

        assertThat(control.post("/api/phones/" + customer + "/devices/" + webDevice + "/faults", Map.of("type", "failure-401")).status())
                .isEqualTo(202);
        var remove = await().atMost(Duration.ofSeconds(30)).until(() -> devicesChange(connection, "remove"), Optional::isPresent).orElseThrow();
        assertThat(deviceOf(remove).get("attributes").get("jid").asText()).isEqualTo(customer + ":" + webDevice + "@s.whatsapp.net");
        assertThat(deviceOf(remove).get("attributes").get("lid").asText()).isEqualTo(customerLid.replace("@lid", ":" + webDevice + "@lid"));
        assertThat(remove.get("attributes").get("device_hash").asText()).as("the hash of the list left: the phone")
                .isEqualTo(hash(customer + ".0:0@s.whatsapp.net"));
        shopClient.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    /** The {@code <add>} or {@code <remove>} of the first devices notification of that kind sent on the connection. */
    private static Optional<JsonNode> devicesChange(long connection, String tag) {
        return ServerNodesLog.sentOn(control, connection).stream()
                .filter(node -> node.get("tag").asText().equals("notification"))
                .filter(node -> node.get("attributes").path("type").asText().equals("devices"))
                .map(node -> node.get("content").get(0))
                .filter(change -> change.get("tag").asText().equals(tag))
                .findFirst();
    }

    private static JsonNode deviceOf(JsonNode change) {
        return ServerNodesLog.list(change.get("content")).stream().filter(child -> child.get("tag").asText().equals("device"))
                .findFirst().orElseThrow();
    }

    private static Node usyncUser(CobaltClient client, Jid user) throws Exception {
        var answer = client.api.sendNode(Node.of("iq", Map.of("xmlns", "usync", "type", "get", "to", JidServer.whatsapp().toJid()),
                Node.of("usync", Map.of("sid", "1", "mode", "query", "last", "true", "index", "0", "context", "message"),
                        Node.of("query", Node.of("devices", Map.of("version", "2")), Node.of("lid")),
                        Node.of("list", Node.of("user", Map.of("jid", user)))))).get(30, TimeUnit.SECONDS);
        return answer.findChild("usync").flatMap(usync -> usync.findChild("list")).flatMap(list -> list.findChild("user")).orElseThrow();
    }

    private static Optional<JsonNode> devicesNotification(long connection) {
        return ServerNodesLog.sentOn(control, connection).stream()
                .filter(node -> node.get("tag").asText().equals("notification"))
                .filter(node -> node.get("attributes").path("type").asText().equals("devices"))
                .findFirst();
    }

    private static String hash(String... devices) throws Exception {
        var joined = String.join("", Arrays.stream(devices).sorted().toList());
        var digest = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
        return "2:" + Base64.getEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 6));
    }
}
