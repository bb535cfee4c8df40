package io.kubezap.simulator.cobalt;

import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.message.standard.TextMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@Timeout(120)
class MessagesTest {
    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(30);
    private static ControlClient control;

    @BeforeAll
    static void startSimulator() {
        control = new ControlClient(SimulatorFixture.simulator().controlUrl());
    }

    @Test
    void aPhonesTextReachesTheLinkedSessionSignalDecrypted(@TempDir Path keyStore) throws Exception {
        var shop = Pairing.createPhone(control, "Loja");
        var customer = Pairing.createPhone(control, "Maria Cliente");
        var client = Pairing.pairNewClient(control, keyStore, shop);
        List<ChatMessageInfo> received = new CopyOnWriteArrayList<>();
        client.api.addNewChatMessageListener((ChatMessageInfo info) -> received.add(info));

        var first = control.post("/api/phones/" + customer + "/messages", Map.of("to", shop, "text", "Olá, vocês abrem amanhã?"));
        var second = control.post("/api/phones/" + customer + "/messages", Map.of("to", shop, "text", "Às 9h?"));
        assertThat(first.status()).as("%s", first.body()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);

        await().atMost(DELIVERY_WAIT).until(() -> received.size() == 2);
        assertThat(received).extracting(info -> ((TextMessage) info.message().content()).text())
                .containsExactlyInAnyOrder("Olá, vocês abrem amanhã?", "Às 9h?");
        var message = received.stream().filter(info -> info.id().equals(first.body().get("id").asText())).findFirst().orElseThrow();
        assertThat(message.senderJid().user()).isEqualTo(customer);
        assertThat(message.pushName()).hasValue("Maria Cliente");
        assertThat(message.key().fromMe()).isFalse();

        var device = Pairing.deviceId(client);
        await().atMost(DELIVERY_WAIT).until(() -> acknowledged(shop, device, first.body().get("id").asText()));
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aTextToAnAccountWithoutAConnectedCompanionIsRefused() {
        var shop = Pairing.createPhone(control, "Loja");
        var customer = Pairing.createPhone(control, "Cliente");

        assertThat(control.post("/api/phones/" + customer + "/messages", Map.of("to", shop, "text", "oi")).status()).isEqualTo(409);
        assertThat(control.post("/api/phones/" + customer + "/messages", Map.of("to", Pairing.newPhoneNumber(), "text", "oi")).status()).isEqualTo(404);
    }

    /** The session answered the message with an ack or a receipt naming its id. */
    private static boolean acknowledged(String number, int device, String messageId) {
        var nodes = control.get("/api/phones/" + number + "/devices/" + device + "/nodes").body();
        return StreamSupport.stream(nodes.spliterator(), false)
                .anyMatch(node -> List.of("ack", "receipt").contains(node.get("tag").asText())
                        && messageId.equals(node.path("attributes").path("id").asText()));
    }
}
