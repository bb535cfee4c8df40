package io.kubezap.simulator.cobalt;

import com.fasterxml.jackson.databind.JsonNode;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.ChatMessageInfoBuilder;
import it.auties.whatsapp.model.message.model.ChatMessageKey;
import it.auties.whatsapp.model.message.model.ChatMessageKeyBuilder;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.model.message.model.MessageStatus;
import it.auties.whatsapp.model.message.standard.ImageMessage;
import it.auties.whatsapp.model.message.standard.TextMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Statuses between a real WhatsApp Web client (Cobalt) and simulated phones: broadcast to status@broadcast with the
 * audience in {@code participants} and the poster's sender key, received from status@broadcast, seen by receipts.
 */
@Timeout(180)
class StatusBroadcastTest {
    private static final Jid STATUS = Jid.of("status@broadcast");
    private static final byte[] PICTURE = TestMedia.png(16, 16);

    @RegisterExtension
    static final LinkedShop shop = new LinkedShop();

    @Test
    void theClientsStatusReachesItsAudienceOnly() throws Exception {
        var ana = Pairing.createPhone(shop.control, "Ana");
        var bia = Pairing.createPhone(shop.control, "Bia");
        var outsider = Pairing.createPhone(shop.control, "Zé");
        var api = shop.client.api;
        // Cobalt 0.0.10 sends a status to the contacts in its store (its own sendStatus leaves the message out)
        api.store().addContact(Jid.of(ana, JidServer.whatsapp()));
        api.store().addContact(Jid.of(bia, JidServer.whatsapp()));

        var text = TextMessage.of("Promoção de sábado");
        text.setBackgroundArgb(0xFF25D366);
        text.setFont(TextMessage.FontType.SERIF);
        var self = api.store().jid().orElseThrow();
        var key = new ChatMessageKeyBuilder().id(ChatMessageKey.randomId(api.store().clientType())).chatJid(STATUS).fromMe(true)
                .senderJid(self).build();
        var info = new ChatMessageInfoBuilder().status(MessageStatus.PENDING).senderJid(self).key(key)
                .message(MessageContainer.of(text)).timestampSeconds(System.currentTimeMillis() / 1000).build();
        var posted = api.sendMessage(info, false).get(60, TimeUnit.SECONDS);
        assertThat(posted.status()).as("Cobalt errors: %s", shop.client.errors).isNotEqualTo(MessageStatus.ERROR);

        await().atMost(LinkedShop.DELIVERY_WAIT).until(() -> status(ana, posted.id()).isPresent() && status(bia, posted.id()).isPresent());
        var seen = status(ana, posted.id()).orElseThrow();
        assertThat(seen.path("text").asText()).isEqualTo("Promoção de sábado");
        assertThat(seen.path("group").asText()).isEqualTo(STATUS.toString());
        assertThat(seen.path("from").asText()).startsWith(shop.number + ":");
        assertThat(seen.path("statusLook").path("backgroundColor").asText()).isEqualTo("#FF25D366");
        assertThat(seen.path("statusLook").path("font").asInt()).isEqualTo(1);
        assertThat(status(outsider, posted.id())).isEmpty();

        // Ana views it: her receipt comes from status@broadcast, naming her
        assertThat(shop.control.post("/api/phones/" + ana + "/receipts", Map.of("messageId", posted.id(), "type", "read")).status()).isEqualTo(202);
        await().atMost(LinkedShop.DELIVERY_WAIT).until(() -> shop.client.nodesReceived.stream()
                .anyMatch(node -> node.description().equals("receipt") && posted.id().equals(node.attributes().getString("id", ""))
                        && node.attributes().getOptionalJid("from").filter(STATUS::equals).isPresent()
                        && node.attributes().getOptionalJid("participant").map(Jid::user).filter(ana::equals).isPresent()));
        assertThat(shop.client.errors).as("Cobalt's errors").isEmpty();
    }

    @Test
    void aPhonesStatusReachesTheClientWhichMarksItSeen() throws Exception {
        var caio = Pairing.createPhone(shop.control, "Caio");
        var api = shop.client.api;

        var posted = shop.control.post("/api/phones/" + caio + "/statuses", Map.of("type", "image", "caption", "Vitrine nova",
                "media", Map.of("data", Base64.getEncoder().encodeToString(PICTURE), "mimeType", "image/png"),
                "to", List.of(shop.number)));
        assertThat(posted.status()).as("%s", posted.body()).isEqualTo(202);
        var id = posted.body().get("id").asText();
        // the sender key comes under the status's id, and Cobalt keeps it as a status of its own
        await().atMost(LinkedShop.DELIVERY_WAIT).until(() -> received(id).isPresent());
        var status = received(id).orElseThrow();
        assertThat(status.senderJid().user()).isEqualTo(caio);
        var image = (ImageMessage) status.message().content();
        assertThat(image.caption()).hasValue("Vitrine nova");
        assertThat(api.downloadMedia(status).get(60, TimeUnit.SECONDS)).isEqualTo(PICTURE);

        // Cobalt 0.0.10's markMessageRead leaves out whose status it was: the receipt must name the poster
        api.sendNode(Node.of("receipt", Map.of("id", id, "to", STATUS, "participant", status.senderJid(), "type", "read")))
                .get(60, TimeUnit.SECONDS);
        await().atMost(LinkedShop.DELIVERY_WAIT).until(() -> sent(caio, id).path("status").asText().equals("read"));
    }

    private static Optional<ChatMessageInfo> received(String id) {
        return shop.client.api.store().status().stream()
                .filter(info -> info.id().equals(id) && info.message().content() instanceof ImageMessage).findFirst();
    }

    private static Optional<JsonNode> status(String phone, String id) {
        return StreamSupport.stream(shop.control.get("/api/phones/" + phone + "/messages").body().spliterator(), false)
                .filter(message -> message.path("id").asText().equals(id)).findFirst();
    }

    private static JsonNode sent(String phone, String id) {
        return StreamSupport.stream(shop.control.get("/api/phones/" + phone + "/sent").body().spliterator(), false)
                .filter(message -> message.path("id").asText().equals(id)).findFirst().orElseThrow();
    }
}
