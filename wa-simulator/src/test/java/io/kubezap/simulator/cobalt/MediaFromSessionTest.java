package io.kubezap.simulator.cobalt;

import com.fasterxml.jackson.databind.JsonNode;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageStatus;
import it.auties.whatsapp.model.message.standard.ImageMessageSimpleBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Media the unmodified Cobalt client sends, as the phone that receives it sees it. */
@Timeout(180)
class MediaFromSessionTest {
    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(60);
    private static ControlClient control;

    @BeforeAll
    static void startSimulator() {
        control = new ControlClient(SimulatorFixture.simulator().controlUrl());
    }

    @Test
    void anImageCobaltSendsReachesThePhoneWithIdenticalBytes() throws Exception {
        var shop = Pairing.createPhone(control, "Loja");
        var customer = Pairing.createPhone(control, "Bia");
        var client = Pairing.pairNewClient(control, KeyStores.fresh(), shop);
        var image = TestMedia.png(40, 30);

        var message = new ImageMessageSimpleBuilder().media(image).mimeType("image/png").caption("Seu pedido").build();
        var sent = client.api.sendChatMessage(Jid.of(customer, JidServer.whatsapp()), MessageContainer.of(message)).get(60, TimeUnit.SECONDS);
        assertThat(sent.status()).as("Cobalt errors: %s", client.errors).isNotEqualTo(MessageStatus.ERROR);

        await().atMost(DELIVERY_WAIT).until(() -> inbox(customer).size() == 1);
        var received = inbox(customer).getFirst();
        assertThat(received.get("type").asText()).isEqualTo("image");
        assertThat(received.get("caption").asText()).isEqualTo("Seu pedido");
        assertThat(received.get("media").get("status").asText()).as("%s", received).isEqualTo("downloaded");
        assertThat(received.get("media").get("sha256").asText()).isEqualTo(TestMedia.sha256Hex(image));
        assertThat(received.get("media").get("mimeType").asText()).isEqualTo("image/png");
        assertThat(received.get("media").get("width").asInt()).isEqualTo(40);
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    private static List<JsonNode> inbox(String number) {
        return StreamSupport.stream(control.get("/api/phones/" + number + "/messages").body().spliterator(), false).toList();
    }
}
