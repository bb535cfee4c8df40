package io.kubezap.simulator.cobalt;

import com.fasterxml.jackson.databind.JsonNode;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.message.model.MessageStatus;
import it.auties.whatsapp.model.message.standard.TextMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    void aPhonesTextReachesTheLinkedSessionSignalDecrypted() throws Exception {
        var keyStore = KeyStores.fresh();
        var shop = Pairing.createPhone(control, "Loja");
        var customer = Pairing.createPhone(control, "Maria Cliente");
        var client = Pairing.pairNewClient(control, keyStore, shop);

        var first = control.post("/api/phones/" + customer + "/messages", Map.of("to", shop, "text", "Olá, vocês abrem amanhã?"));
        var second = control.post("/api/phones/" + customer + "/messages", Map.of("to", shop, "text", "Às 9h?"));
        assertThat(first.status()).as("%s", first.body()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);

        var message = awaitStored(client, customer, first.body().get("id").asText());
        assertThat(text(message)).isEqualTo("Olá, vocês abrem amanhã?");
        assertThat(text(awaitStored(client, customer, second.body().get("id").asText()))).isEqualTo("Às 9h?");
        assertThat(message.senderJid().user()).isEqualTo(customer);
        assertThat(message.pushName()).hasValue("Maria Cliente");
        assertThat(message.key().fromMe()).isFalse();

        var device = Pairing.deviceId(client);
        await().atMost(DELIVERY_WAIT).until(() -> control.acknowledged(shop, device, first.body().get("id").asText()));
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aTextTheSessionSendsReachesThePhoneWhoseReceiptsMarkItDeliveredThenRead() throws Exception {
        var keyStore = KeyStores.fresh();
        var shop = Pairing.createPhone(control, "Loja");
        var customer = Pairing.createPhone(control, "João Cliente");
        var client = Pairing.pairNewClient(control, keyStore, shop);

        var sent = client.api.sendChatMessage(Jid.of(customer, JidServer.whatsapp()), "Seu pedido saiu para entrega")
                .get(30, TimeUnit.SECONDS);
        assertThat(sent.status()).as("Cobalt errors: %s", client.errors).isNotEqualTo(MessageStatus.ERROR);

        await().atMost(DELIVERY_WAIT).until(() -> inbox(customer).size() == 1);
        var received = inbox(customer).getFirst();
        assertThat(received.get("id").asText()).isEqualTo(sent.id());
        assertThat(received.get("text").asText()).isEqualTo("Seu pedido saiu para entrega");
        assertThat(received.get("from").asText()).startsWith(shop + ":");

        assertThat(control.post("/api/phones/" + customer + "/receipts", Map.of("messageId", sent.id(), "type", "delivery")).status()).isEqualTo(202);
        await().atMost(DELIVERY_WAIT).until(() -> sent.status() == MessageStatus.DELIVERED);
        assertThat(control.post("/api/phones/" + customer + "/receipts", Map.of("messageId", sent.id(), "type", "read")).status()).isEqualTo(202);
        await().atMost(DELIVERY_WAIT).until(() -> sent.status() == MessageStatus.READ);
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aConversationRatchetsInBothDirections() throws Exception {
        var keyStore = KeyStores.fresh();
        var shop = Pairing.createPhone(control, "Loja");
        var customer = Pairing.createPhone(control, "Ana");
        var client = Pairing.pairNewClient(control, keyStore, shop);

        var hello = control.post("/api/phones/" + customer + "/messages", Map.of("to", shop, "text", "Oi"));
        assertThat(text(awaitStored(client, customer, hello.body().get("id").asText()))).isEqualTo("Oi");
        client.api.sendChatMessage(Jid.of(customer, JidServer.whatsapp()), "Olá Ana!").get(30, TimeUnit.SECONDS);
        await().atMost(DELIVERY_WAIT).until(() -> inbox(customer).size() == 1);
        var question = control.post("/api/phones/" + customer + "/messages", Map.of("to", shop, "text", "Tudo bem?"));
        assertThat(text(awaitStored(client, customer, question.body().get("id").asText()))).isEqualTo("Tudo bem?");
        client.api.sendChatMessage(Jid.of(customer, JidServer.whatsapp()), "Tudo ótimo").get(30, TimeUnit.SECONDS);

        await().atMost(DELIVERY_WAIT).until(() -> inbox(customer).size() == 2);
        assertThat(inbox(customer)).extracting(message -> message.get("text").asText()).containsExactly("Olá Ana!", "Tudo ótimo");
        assertThat(encTypesSentBy(shop, Pairing.deviceId(client))).contains("msg");
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aTextBetweenTwoPhonesReachesTheRecipientsPhoneEvenWithoutCompanions() {
        var shop = Pairing.createPhone(control, "Loja");
        var customer = Pairing.createPhone(control, "Cliente");

        assertThat(control.post("/api/phones/" + customer + "/messages", Map.of("to", shop, "text", "oi")).status()).isEqualTo(202);
        assertThat(inbox(shop)).extracting(message -> message.get("text").asText()).containsExactly("oi");
        assertThat(control.post("/api/phones/" + customer + "/messages", Map.of("to", Pairing.newPhoneNumber(), "text", "oi")).status()).isEqualTo(404);
    }

    /**
     * The message as Cobalt stored it. Not its new-message listener: Cobalt 0.0.10 skips that for
     * messages stamped within the second its store was created.
     */
    private static ChatMessageInfo awaitStored(CobaltClient client, String chat, String id) {
        var jid = Jid.of(chat, JidServer.whatsapp());
        await().atMost(DELIVERY_WAIT).until(() -> client.api.store().findMessageById(jid, id).isPresent());
        return (ChatMessageInfo) client.api.store().findMessageById(jid, id).orElseThrow();
    }

    private static String text(ChatMessageInfo message) {
        return ((TextMessage) message.message().content()).text();
    }

    private static List<JsonNode> inbox(String number) {
        return StreamSupport.stream(control.get("/api/phones/" + number + "/messages").body().spliterator(), false).toList();
    }

    /** The {@code enc type}s of the messages a device sent, as the server saw them. */
    private static List<String> encTypesSentBy(String number, int device) {
        var nodes = control.get("/api/phones/" + number + "/devices/" + device + "/nodes").body();
        return StreamSupport.stream(nodes.spliterator(), false)
                .filter(node -> node.get("tag").asText().equals("message"))
                .flatMap(node -> StreamSupport.stream(node.get("content").spliterator(), false))
                .filter(child -> child.get("tag").asText().equals("participants"))
                .flatMap(participants -> StreamSupport.stream(participants.get("content").spliterator(), false))
                .flatMap(to -> StreamSupport.stream(to.get("content").spliterator(), false))
                .map(enc -> enc.path("attributes").path("type").asText())
                .toList();
    }
}
