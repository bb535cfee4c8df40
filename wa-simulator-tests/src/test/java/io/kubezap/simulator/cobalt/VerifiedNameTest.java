package io.kubezap.simulator.cobalt;

import it.auties.whatsapp.api.Listener;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.business.BusinessVerifiedNameCertificateSpec;
import it.auties.whatsapp.model.business.BusinessVerifiedNameDetailsSpec;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A business account's messages carry its verified name certificate, as WhatsApp attaches it; a person's do not. */
@Timeout(120)
class VerifiedNameTest {

    @Test
    void aBusinessesMessagesCarryItsVerifiedNameAPersonsDoNot() throws Exception {
        var control = new ControlClient(SimulatorFixture.simulator().controlUrl());
        var shop = Pairing.createPhone(control, "Loja");
        var supplier = Pairing.createPhone(control, "Fornecedor");
        var client = Pairing.pairNewClient(control, KeyStores.fresh(), shop);
        var nodes = new CopyOnWriteArrayList<Node>();
        client.api.addListener(new Listener() {
            @Override
            public void onNodeReceived(Whatsapp whatsapp, Node incoming) {
                nodes.add(incoming);
            }
        });

        var personal = control.post("/api/phones/" + supplier + "/messages", Map.of("to", shop, "text", "oi")).body().get("id").asText();
        assertThat(awaitMessage(nodes, personal).findChild("verified_name")).isEmpty();

        assertThat(control.put("/api/phones/" + supplier + "/profile", Map.of("business",
                Map.of("name", "Tintas Silva Ltda", "description", "Tintas", "websites", List.of()))).status()).isEqualTo(200);
        var business = control.post("/api/phones/" + supplier + "/messages", Map.of("to", shop, "text", "somos empresa")).body().get("id").asText();
        var certificate = awaitMessage(nodes, business).findChild("verified_name").flatMap(Node::contentAsBytes).orElseThrow();
        var details = BusinessVerifiedNameCertificateSpec.decode(certificate).encodedDetails().orElseThrow();
        assertThat(BusinessVerifiedNameDetailsSpec.decode(details).name()).contains("Tintas Silva Ltda");
        // the listener sees the node before Cobalt has decrypted and acknowledged it: disconnecting sooner races
        // Cobalt's receipt, whose write then fails on the closed socket ("Output closed")
        var device = Pairing.deviceId(client);
        await().atMost(Duration.ofSeconds(30)).until(() -> control.acknowledged(shop, device, business));
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    private static Node awaitMessage(List<Node> nodes, String id) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> nodes.stream()
                .filter(node -> node.description().equals("message") && id.equals(node.attributes().getString("id", null)))
                .findFirst(), Optional::isPresent).orElseThrow();
    }
}
