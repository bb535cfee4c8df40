package io.kubezap.simulator.cobalt;

import com.fasterxml.jackson.databind.JsonNode;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.message.model.Message;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageStatus;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A phone ("the shop") with a Cobalt client linked to it, shared by the tests of one class
 * ({@code @RegisterExtension static final LinkedShop shop = new LinkedShop();}), and what its customers' phones received.
 */
final class LinkedShop implements BeforeAllCallback, AfterAllCallback {
    static final Duration DELIVERY_WAIT = Duration.ofSeconds(60);

    final ControlClient control = new ControlClient(SimulatorFixture.simulator().controlUrl());
    String number;
    CobaltClient client;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        number = Pairing.createPhone(control, "Loja");
        client = Pairing.pairNewClient(control, KeyStores.fresh(), number);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    /** Cobalt sends a message to a phone; fails unless Cobalt reports it sent. */
    ChatMessageInfo send(String to, Message message) throws Exception {
        var sent = client.api.sendChatMessage(Jid.of(to, JidServer.whatsapp()), MessageContainer.of(message)).get(60, TimeUnit.SECONDS);
        assertThat(sent.status()).as("Cobalt errors: %s", client.errors).isNotEqualTo(MessageStatus.ERROR);
        return sent;
    }

    /** A message a phone sent, once Cobalt has stored it. */
    ChatMessageInfo awaitStored(String from, String id) {
        var chat = Jid.of(from, JidServer.whatsapp());
        await().atMost(DELIVERY_WAIT).until(() -> client.api.store().findMessageById(chat, id).isPresent());
        return (ChatMessageInfo) client.api.store().findMessageById(chat, id).orElseThrow();
    }

    /** A phone's inbox once it holds {@code size} messages. */
    List<JsonNode> awaitInbox(String phone, int size) {
        await().atMost(DELIVERY_WAIT).until(() -> inbox(phone).size() == size);
        return inbox(phone);
    }

    List<JsonNode> inbox(String phone) {
        return StreamSupport.stream(control.get("/api/phones/" + phone + "/messages").body().spliterator(), false).toList();
    }
}
