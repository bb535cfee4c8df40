package io.kubezap.simulator.cobalt;

import com.fasterxml.jackson.databind.JsonNode;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.message.model.MessageStatus;
import it.auties.whatsapp.model.message.standard.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A real WhatsApp Web client (Cobalt) talks in a group with simulated phones through sender keys. */
@Timeout(180)
class GroupMessagesTest {
    @RegisterExtension
    static final LinkedShop shop = new LinkedShop();

    @Test
    void theClientAndThePhonesTalkInAGroupWithSenderKeys() throws Exception {
        var ana = Pairing.createPhone(shop.control, "Ana");
        var bia = Pairing.createPhone(shop.control, "Bia");
        var api = shop.client.api;
        var group = api.createGroup("Equipe", user(ana), user(bia)).get(60, TimeUnit.SECONDS).orElseThrow().jid();

        var first = api.sendChatMessage(group, "Bom dia, equipe").get(60, TimeUnit.SECONDS);
        assertThat(first.status()).as("Cobalt errors: %s", shop.client.errors).isNotEqualTo(MessageStatus.ERROR);
        var second = api.sendChatMessage(group, "Reunião às 10h").get(60, TimeUnit.SECONDS);
        await().atMost(LinkedShop.DELIVERY_WAIT).until(() -> texts(group, ana).size() == 2 && texts(group, bia).size() == 2);
        assertThat(texts(group, ana)).containsExactly("Bom dia, equipe", "Reunião às 10h");
        assertThat(texts(group, bia)).containsExactly("Bom dia, equipe", "Reunião às 10h");
        assertThat(received(group, ana).getFirst().get("from").asText()).startsWith(shop.number + ":");
        assertThat(received(group, ana).getFirst().get("group").asText()).isEqualTo(group.toString());

        var posted = shop.control.post("/api/groups/" + group + "/messages", Map.of("from", ana, "text", "Bom dia!"));
        assertThat(posted.status()).as("%s", posted.body()).isEqualTo(201);
        var id = posted.body().get("id").asText();
        await().atMost(LinkedShop.DELIVERY_WAIT).until(() -> api.store().findMessageById(group, id).isPresent());
        var stored = (ChatMessageInfo) api.store().findMessageById(group, id).orElseThrow();
        assertThat(((TextMessage) stored.message().content()).text()).isEqualTo("Bom dia!");
        assertThat(stored.senderJid().user()).isEqualTo(ana);
        assertThat(stored.pushName()).hasValue("Ana");
        assertThat(texts(group, bia)).contains("Bom dia!");

        var again = shop.control.post("/api/groups/" + group + "/messages", Map.of("from", ana, "text", "Tudo certo?"));
        var againId = again.body().get("id").asText();
        await().atMost(LinkedShop.DELIVERY_WAIT).until(() -> api.store().findMessageById(group, againId).isPresent());

        assertThat(shop.control.post("/api/phones/" + bia + "/receipts", Map.of("messageId", second.id(), "type", "read")).status()).isEqualTo(202);
        await().atMost(LinkedShop.DELIVERY_WAIT).until(() -> shop.client.nodesReceived.stream()
                .anyMatch(node -> node.description().equals("receipt") && second.id().equals(node.attributes().getString("id", ""))
                        && node.attributes().getOptionalJid("participant").map(Jid::user).filter(bia::equals).isPresent()));
        assertThat(shop.control.post("/api/phones/" + ana + "/receipts", Map.of("messageId", second.id(), "type", "played")).status()).isEqualTo(202);
        await().atMost(LinkedShop.DELIVERY_WAIT).until(() -> shop.client.nodesReceived.stream()
                .anyMatch(node -> node.description().equals("receipt") && "played".equals(node.attributes().getString("type", ""))
                        && node.attributes().getOptionalJid("participant").map(Jid::user).filter(ana::equals).isPresent()));
        var outsider = Pairing.createPhone(shop.control, "Zé");
        assertThat(shop.control.post("/api/groups/" + group + "/messages", Map.of("from", outsider, "text", "oi")).status()).isEqualTo(403);
        assertThat(shop.client.errors).as("Cobalt's errors").isEmpty();
    }

    @Test
    void aMembersSecondDeviceReadsTheGroupAndAFormerMemberKeepsReadingAnUnrenewedSenderKey() throws Exception {
        var caio = Pairing.createPhone(shop.control, "Caio");
        var duda = Pairing.createPhone(shop.control, "Duda");
        var added = shop.control.post("/api/phones/" + caio + "/simulated-devices", Map.of());
        assertThat(added.status()).as("%s", added.body()).isEqualTo(201);
        var desktop = added.body().get("deviceId").asInt();
        var api = shop.client.api;
        var group = api.createGroup("Turma", user(caio), user(duda)).get(60, TimeUnit.SECONDS).orElseThrow().jid();

        var first = api.sendChatMessage(group, "Primeira").get(60, TimeUnit.SECONDS);
        assertThat(first.status()).as("Cobalt errors: %s", shop.client.errors).isNotEqualTo(MessageStatus.ERROR);
        await().atMost(LinkedShop.DELIVERY_WAIT).until(() -> texts(shop.control.get("/api/phones/" + caio + "/simulated-devices/"
                + desktop + "/messages").body()).contains("Primeira"));
        assertThat(shop.control.get("/api/phones/" + caio + "/simulated-devices/" + desktop + "/messages").body().get(0)
                .get("group").asText()).isEqualTo(group.toString());

        var removed = shop.control.post("/api/groups/" + group + "/participants",
                Map.of("from", shop.number, "action", "remove", "participants", List.of(duda)));
        assertThat(removed.status()).as("%s", removed.body()).isEqualTo(200);
        // Cobalt 0.0.10 never renews its sender key: what the server no longer routes to Duda, Duda could still read
        api.sendChatMessage(group, "Depois da saída").get(60, TimeUnit.SECONDS);
        await().atMost(LinkedShop.DELIVERY_WAIT).until(() -> texts(shop.control.get("/api/phones/" + duda + "/overheard").body())
                .contains("Depois da saída"));
        assertThat(texts(shop.control.get("/api/phones/" + duda + "/messages").body())).doesNotContain("Depois da saída");
    }

    private static List<String> texts(JsonNode messages) {
        return StreamSupport.stream(messages.spliterator(), false).map(message -> message.path("text").asText()).toList();
    }

    private static Jid user(String number) {
        return Jid.of(number, JidServer.whatsapp());
    }

    private static List<JsonNode> received(Jid group, String phone) {
        return StreamSupport.stream(shop.control.get("/api/groups/" + group + "/messages").body().path(phone).spliterator(), false).toList();
    }

    private static List<String> texts(Jid group, String phone) {
        return received(group, phone).stream().map(message -> message.path("text").asText()).toList();
    }
}
