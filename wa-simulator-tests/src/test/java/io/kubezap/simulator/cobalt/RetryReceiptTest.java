package io.kubezap.simulator.cobalt;

import com.fasterxml.jackson.databind.JsonNode;
import it.auties.whatsapp.controller.ControllerSerializer;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A companion whose Signal state went back in time (restored from an older copy, as after a crash) sends with
 * counters the phone has used: the phone cannot decrypt and asks again with a retry receipt, as WhatsApp's phones do.
 */
@Timeout(400)
class RetryReceiptTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static ControlClient control;

    @BeforeAll
    static void startSimulator() {
        control = new ControlClient(SimulatorFixture.simulator().controlUrl());
    }

    @Test
    void aPhoneThatCannotDecryptSendsARetryReceiptAndListsTheFailure() throws Exception {
        var keyStore = KeyStores.fresh();
        var shop = Pairing.createPhone(control, "Loja");
        var customer = Pairing.createPhone(control, "Rita");
        var client = Pairing.pairNewClient(control, keyStore, shop);
        var chat = Jid.of(customer, JidServer.whatsapp());
        client.api.sendChatMessage(chat, "um").get(90, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> inbox(customer).size() == 1);
        var stale = KeyStores.fresh();
        var snapshot = ControllerSerializer.toProtobuf(stale);
        snapshot.serializeKeys(client.api.keys(), false).join();
        snapshot.serializeStore(client.api.store(), false).join();
        client.api.sendChatMessage(chat, "dois").get(90, TimeUnit.SECONDS);
        client.api.sendChatMessage(chat, "três").get(90, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> inbox(customer).size() == 3);
        client.api.disconnect().get(10, TimeUnit.SECONDS);

        var restored = CobaltClient.restored(stale, client.id);
        restored.api.connect().get(90, TimeUnit.SECONDS);
        var again = restored.api.sendChatMessage(chat, "quatro").get(90, TimeUnit.SECONDS);

        await().atMost(WAIT).until(() -> failures(customer).stream().anyMatch(failure -> failure.get("id").asText().equals(again.id())));
        var failure = failures(customer).stream().filter(f -> f.get("id").asText().equals(again.id())).findFirst().orElseThrow();
        assertThat(failure.get("from").asText()).startsWith(shop + ":");
        assertThat(failure.get("reason").asText()).contains("counter");
        assertThat(failure.get("retryReceipts").asInt()).isGreaterThanOrEqualTo(1);
        await().atMost(WAIT).until(() -> retryReceipt(restored, again.id(), customer) != null);
        var receipt = retryReceipt(restored, again.id(), customer);
        var retry = receipt.findChild("retry").orElseThrow();
        assertThat(retry.attributes().getString("count")).isEqualTo("1");
        assertThat(retry.attributes().getString("id")).isEqualTo(again.id());
        assertThat(retry.attributes().getString("v")).isEqualTo("1");
        var registration = receipt.findChild("registration").flatMap(Node::contentAsBytes).orElseThrow();
        assertThat(registration).hasSize(4);
        assertThat(ByteBuffer.wrap(registration).getInt()).isPositive();
        assertThat(receipt.findChild("keys")).as("keys only from the second attempt on").isEmpty();
        restored.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aPhoneAnswersACompanionsRetryReceiptWithTheSameMessageInAFreshSessionUpToFiveTimes() throws Exception {
        var shop = Pairing.createPhone(control, "Loja");
        var customer = Pairing.createPhone(control, "Rita");
        var client = Pairing.pairNewClient(control, KeyStores.fresh(), shop);
        var id = control.post("/api/phones/" + customer + "/messages", java.util.Map.of("to", shop, "text", "Olá")).body().get("id").asText();
        await().atMost(WAIT).until(() -> copiesOf(client, id).size() == 1);

        for (var attempt = 1; attempt <= 6; attempt++) {
            client.api.sendNode(retryReceiptFor(id, customer, attempt));
            var expected = Math.min(attempt, 5) + 1;
            await().atMost(WAIT).until(() -> copiesOf(client, id).size() == expected);
        }
        Thread.sleep(2_000);

        var copies = copiesOf(client, id);
        assertThat(copies).as("the first delivery and five resends, none after the sixth retry receipt").hasSize(6);
        for (var resend = 1; resend <= 5; resend++) {
            var enc = copies.get(resend).findChild("enc").orElseThrow();
            assertThat(enc.attributes().getString("type")).as("a fresh session: a pre-key message").isEqualTo("pkmsg");
            assertThat(enc.attributes().getString("count")).isEqualTo(String.valueOf(resend));
            assertThat(copies.get(resend).attributes().getString("from")).isEqualTo(copies.getFirst().attributes().getString("from"));
        }
        var stored = client.api.store().findChatByJid(Jid.of(customer, JidServer.whatsapp()))
                .flatMap(chat -> client.api.store().findMessageById(chat, id)).orElseThrow();
        assertThat(((it.auties.whatsapp.model.message.standard.TextMessage) stored.message().content()).text()).isEqualTo("Olá");
        assertThat(client.errors).as("every resend decrypted").isEmpty();
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aMemberPhoneThatCannotDecryptAGroupPostSendsARetryReceiptFromTheGroup() throws Exception {
        var keyStore = KeyStores.fresh();
        var shop = Pairing.createPhone(control, "Loja");
        var ana = Pairing.createPhone(control, "Ana");
        var bia = Pairing.createPhone(control, "Bia");
        var client = Pairing.pairNewClient(control, keyStore, shop);
        var group = client.api.createGroup("Equipe", Jid.of(ana, JidServer.whatsapp()), Jid.of(bia, JidServer.whatsapp()))
                .get(60, TimeUnit.SECONDS).orElseThrow().jid();
        client.api.sendChatMessage(group, "um").get(90, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> inbox(ana).size() == 1 && inbox(bia).size() == 1);
        var stale = KeyStores.fresh();
        var snapshot = ControllerSerializer.toProtobuf(stale);
        snapshot.serializeKeys(client.api.keys(), false).join();
        snapshot.serializeStore(client.api.store(), false).join();
        client.api.sendChatMessage(group, "dois").get(90, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> inbox(ana).size() == 2 && inbox(bia).size() == 2);
        client.api.disconnect().get(10, TimeUnit.SECONDS);

        // the restored client sends with a sender-key iteration both phones have used
        var restored = CobaltClient.restored(stale, client.id);
        restored.api.connect().get(90, TimeUnit.SECONDS);
        var again = restored.api.sendChatMessage(group, "três").get(90, TimeUnit.SECONDS);

        for (var member : List.of(ana, bia)) {
            await().atMost(WAIT).until(() -> failures(member).stream().anyMatch(failure -> failure.get("id").asText().equals(again.id())));
            await().atMost(WAIT).until(() -> groupRetryReceipt(restored, again.id(), group, member) != null);
            var receipt = groupRetryReceipt(restored, again.id(), group, member);
            var retry = receipt.findChild("retry").orElseThrow();
            assertThat(retry.attributes().getString("count")).isEqualTo("1");
            assertThat(retry.attributes().getString("id")).isEqualTo(again.id());
            assertThat(receipt.findChild("registration").flatMap(Node::contentAsBytes).orElseThrow()).hasSize(4);
        }
        restored.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    /** The retry receipt a member phone sent for a group message: from the group, the phone as {@code participant}. */
    private static Node groupRetryReceipt(CobaltClient client, String id, Jid group, String phone) {
        return client.nodesReceived.stream()
                .filter(node -> node.description().equals("receipt") && node.attributes().getString("type", "").equals("retry")
                        && node.attributes().getString("id", "").equals(id)
                        && node.attributes().getString("from", "").equals(group.toString())
                        && node.attributes().getString("participant", "").equals(phone + "@s.whatsapp.net"))
                .findFirst().orElse(null);
    }

    private static List<Node> copiesOf(CobaltClient client, String id) {
        return client.nodesReceived.stream()
                .filter(node -> node.description().equals("message") && node.attributes().getString("id", "").equals(id))
                .toList();
    }

    private static Node retryReceiptFor(String id, String phone, int count) {
        return Node.of("receipt", java.util.Map.of("id", id, "to", Jid.of(phone, JidServer.whatsapp()), "type", "retry"),
                Node.of("retry", java.util.Map.of("count", count, "id", id, "t", 1, "v", 1)),
                Node.of("registration", ByteBuffer.allocate(4).putInt(4242).array()));
    }

    /** The retry receipt {@code phone} sent for message {@code id} (the session's own phone asks again for its copy too). */
    private static Node retryReceipt(CobaltClient client, String id, String phone) {
        return client.nodesReceived.stream()
                .filter(node -> node.description().equals("receipt") && node.attributes().getString("type", "").equals("retry")
                        && node.attributes().getString("id", "").equals(id)
                        && node.attributes().getString("from", "").equals(phone + "@s.whatsapp.net"))
                .findFirst().orElse(null);
    }

    private static List<JsonNode> inbox(String number) {
        return StreamSupport.stream(control.get("/api/phones/" + number + "/messages").body().spliterator(), false).toList();
    }

    private static List<JsonNode> failures(String number) {
        return StreamSupport.stream(control.get("/api/phones/" + number + "/decrypt-failures").body().spliterator(), false).toList();
    }
}
