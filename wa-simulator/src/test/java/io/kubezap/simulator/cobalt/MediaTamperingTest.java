package io.kubezap.simulator.cobalt;

import com.fasterxml.jackson.databind.JsonNode;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageStatus;
import it.auties.whatsapp.model.message.standard.DocumentMessageSimpleBuilder;
import it.auties.whatsapp.model.message.standard.ImageMessageSimpleBuilder;
import org.junit.jupiter.api.AfterAll;
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

/** A blob altered on the media host: the receiving phone refuses it, says why, and serves no bytes. */
@Timeout(300)
class MediaTamperingTest {
    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(60);
    private static ControlClient control;
    private static String shop;
    private static CobaltClient client;

    @BeforeAll
    static void pair() throws Exception {
        control = new ControlClient(SimulatorFixture.simulator().controlUrl());
        shop = Pairing.createPhone(control, "Loja");
        client = Pairing.pairNewClient(control, KeyStores.fresh(), shop);
    }

    @AfterAll
    static void disconnect() throws Exception {
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    /** Receivers check the blob's hash before its MAC (as whatsmeow does), so any change on the host fails the hash. */
    @Test
    void aBlobAlteredOnTheHostIsRejectedByThePhone() throws Exception {
        var customer = Pairing.createPhone(control, "Rui");
        assertThat(control.post("/api/media/tamper", Map.of("nextUpload", true, "part", "mac")).status()).isEqualTo(202);

        var sent = send(customer, new ImageMessageSimpleBuilder().media(TestMedia.png(16, 16)).mimeType("image/png").caption("Foto").build());

        var received = awaitInbox(customer).getFirst();
        assertThat(received.get("id").asText()).isEqualTo(sent);
        assertThat(received.get("caption").asText()).isEqualTo("Foto");
        assertThat(received.get("media").get("status").asText()).isEqualTo("rejected");
        assertThat(received.get("media").get("rejection").asText()).startsWith("ENCRYPTED_HASH_MISMATCH");
        assertThat(received.get("media").get("sha256").isNull()).isTrue();
        var bytes = control.get("/api/phones/" + customer + "/messages/" + sent + "/media");
        assertThat(bytes.status()).isEqualTo(409);
        assertThat(bytes.body().get("detail").asText()).contains("ENCRYPTED_HASH_MISMATCH");
        assertThat(storedBlobs().getLast().get("tampered").asBoolean()).isTrue();
    }

    /**
     * A sender whose MAC is wrong — here Cobalt 0.0.10's own upload MAC, over the ciphertext without
     * the IV, reproduced by the test Medias stand-in — passes the hash check and fails the MAC.
     */
    @Test
    void aBlobWithABadMacIsRejectedByThePhoneWhichNamesCobaltsMistake() throws Exception {
        var customer = Pairing.createPhone(control, "Tito");
        System.setProperty(it.auties.whatsapp.util.Medias.COBALT_UPLOAD_MAC, "true");
        String sent;
        try {
            sent = send(customer, new ImageMessageSimpleBuilder().media(TestMedia.png(16, 16)).mimeType("image/png").build());
        } finally {
            System.clearProperty(it.auties.whatsapp.util.Medias.COBALT_UPLOAD_MAC);
        }

        var received = awaitInbox(customer).getFirst();
        assertThat(received.get("media").get("status").asText()).isEqualTo("rejected");
        assertThat(received.get("media").get("rejection").asText()).startsWith("MAC_MISMATCH").contains("without the IV");
        assertThat(control.get("/api/phones/" + customer + "/messages/" + sent + "/media").status()).isEqualTo(409);
    }

    @Test
    void aBlobAlteredAfterDeliveryFailsItsHashWhenDownloadedAgain() throws Exception {
        var customer = Pairing.createPhone(control, "Sol");
        var document = TestMedia.bytes("%PDF-1.4\n", 2048);
        var sent = send(customer, new DocumentMessageSimpleBuilder().media(document).mimeType("application/pdf").fileName("boleto.pdf").build());
        var received = awaitInbox(customer).getFirst();
        assertThat(received.get("media").get("status").asText()).isEqualTo("downloaded");
        assertThat(control.post("/api/phones/" + customer + "/messages/" + sent + "/media/download", Map.of()).body()
                .get("media").get("status").asText()).isEqualTo("downloaded");

        var blob = storedBlobs().getLast();
        assertThat(control.post("/api/media/tamper", Map.of("directPath", blob.get("directPath").asText(), "part", "ciphertext")).status())
                .isEqualTo(200);
        var again = control.post("/api/phones/" + customer + "/messages/" + sent + "/media/download", Map.of());

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("media").get("status").asText()).isEqualTo("rejected");
        assertThat(again.body().get("media").get("rejection").asText()).startsWith("ENCRYPTED_HASH_MISMATCH");
        assertThat(awaitInbox(customer).getFirst().get("media").get("status").asText()).isEqualTo("rejected");
    }

    private static String send(String to, it.auties.whatsapp.model.message.model.Message message) throws Exception {
        var sent = client.api.sendChatMessage(Jid.of(to, JidServer.whatsapp()), MessageContainer.of(message)).get(60, TimeUnit.SECONDS);
        assertThat(sent.status()).as("Cobalt errors: %s", client.errors).isNotEqualTo(MessageStatus.ERROR);
        return sent.id();
    }

    private static List<JsonNode> awaitInbox(String number) {
        await().atMost(DELIVERY_WAIT).until(() -> control.get("/api/phones/" + number + "/messages").body().size() == 1);
        return StreamSupport.stream(control.get("/api/phones/" + number + "/messages").body().spliterator(), false).toList();
    }

    private static List<JsonNode> storedBlobs() {
        return StreamSupport.stream(control.get("/api/media").body().spliterator(), false).toList();
    }
}
