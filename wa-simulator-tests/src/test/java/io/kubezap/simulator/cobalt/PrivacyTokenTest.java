package io.kubezap.simulator.cobalt;

import com.fasterxml.jackson.databind.JsonNode;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A companion issues its account's trusted-contact token to a contact, as current clients do after a 1:1 send. */
@Timeout(120)
class PrivacyTokenTest {
    private static ControlClient control;

    @BeforeAll
    static void startSimulator() {
        control = new ControlClient(SimulatorFixture.simulator().controlUrl());
    }

    @Test
    void anIssuedTokenIsAcceptedKeptAndNotifiedToTheContactsDevices() throws Exception {
        var shop = Pairing.createPhone(control, "Loja");
        var customer = Pairing.createPhone(control, "Ana Cliente");
        var shopClient = Pairing.pairNewClient(control, KeyStores.fresh(), shop);
        var customerClient = Pairing.pairNewClient(control, KeyStores.fresh(), customer);
        var issuedAt = System.currentTimeMillis() / 1000;

        var answer = shopClient.api.sendNode(Node.of("iq", Map.of("xmlns", "privacy", "type", "set", "to", JidServer.whatsapp().toJid()),
                Node.of("tokens", Node.of("token", Map.of("jid", Jid.of(customer, JidServer.whatsapp()), "t", String.valueOf(issuedAt),
                        "type", "trusted_contact"))))).get(30, TimeUnit.SECONDS);
        assertThat(answer.attributes().getString("type", "")).as("answer %s", answer).isEqualTo("result");

        var kept = control.get("/api/phones/" + shop + "/privacy-tokens").body().get(customer);
        assertThat(kept).as("the token the shop issued to the customer").isNotNull();
        assertThat(kept.get("t").asLong()).isEqualTo(issuedAt);

        var connection = ServerNodesLog.connectionId(control, customer, Pairing.deviceId(customerClient));
        var notification = await().atMost(Duration.ofSeconds(30)).until(() -> privacyTokenNotification(connection), Optional::isPresent).orElseThrow();
        var shopAccount = control.get("/api/phones/" + shop).body();
        assertThat(notification.get("attributes").get("from").asText()).isEqualTo(shop + "@s.whatsapp.net");
        assertThat(notification.get("attributes").get("sender_lid").asText()).isEqualTo(shopAccount.get("lid").asText());
        var token = notification.get("content").get(0).get("content").get(0);
        assertThat(token.get("attributes").get("type").asText()).isEqualTo("trusted_contact");
        assertThat(token.get("attributes").get("t").asLong()).isEqualTo(issuedAt);
        assertThat(token.get("attributes").get("jid").asText()).isEqualTo(customer + "@s.whatsapp.net");
        assertThat(token.get("content").asText()).isEqualTo("base64:" + kept.get("token").asText());
        shopClient.api.disconnect().get(10, TimeUnit.SECONDS);
        customerClient.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    private static Optional<JsonNode> privacyTokenNotification(long connection) {
        return ServerNodesLog.sentOn(control, connection).stream()
                .filter(node -> node.get("tag").asText().equals("notification"))
                .filter(node -> node.get("attributes").path("type").asText().equals("privacy_token"))
                .findFirst();
    }
}
