package io.kubezap.simulator.cobalt;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Device lists as WhatsApp gives them: a device an account adds later is announced to its peers ({@code devices}
 * notification), which is how a client that caches device lists learns it must send to it.
 */
@Timeout(120)
class DeviceListTest {
    private static ControlClient control;

    @BeforeAll
    static void startSimulator() {
        control = new ControlClient(SimulatorFixture.simulator().controlUrl());
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
