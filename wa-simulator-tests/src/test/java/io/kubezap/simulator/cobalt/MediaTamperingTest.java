package io.kubezap.simulator.cobalt;

import com.fasterxml.jackson.databind.JsonNode;
import it.auties.whatsapp.model.message.standard.DocumentMessageSimpleBuilder;
import it.auties.whatsapp.model.message.standard.ImageMessageSimpleBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** A blob altered on the media host: the receiving phone refuses it, says why, and serves no bytes. */
@Timeout(300)
class MediaTamperingTest {
    @RegisterExtension
    static final LinkedShop shop = new LinkedShop();
    private static final ControlClient control = shop.control;

    /** Receivers check the blob's hash before its MAC (as whatsmeow does), so any change on the host fails the hash. */
    @Test
    void aBlobAlteredOnTheHostIsRejectedByThePhone() throws Exception {
        var customer = Pairing.createPhone(control, "Rui");
        assertThat(control.post("/api/media/tamper", Map.of("nextUpload", true, "part", "mac")).status()).isEqualTo(202);

        var sent = shop.send(customer, new ImageMessageSimpleBuilder().media(TestMedia.png(16, 16)).mimeType("image/png").caption("Foto").build()).id();

        var received = shop.awaitInbox(customer, 1).getFirst();
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
            sent = shop.send(customer, new ImageMessageSimpleBuilder().media(TestMedia.png(16, 16)).mimeType("image/png").build()).id();
        } finally {
            System.clearProperty(it.auties.whatsapp.util.Medias.COBALT_UPLOAD_MAC);
        }

        var received = shop.awaitInbox(customer, 1).getFirst();
        assertThat(received.get("media").get("status").asText()).isEqualTo("rejected");
        assertThat(received.get("media").get("rejection").asText()).startsWith("MAC_MISMATCH").contains("without the IV");
        assertThat(control.get("/api/phones/" + customer + "/messages/" + sent + "/media").status()).isEqualTo(409);
    }

    @Test
    void aBlobAlteredAfterDeliveryFailsItsHashWhenDownloadedAgain() throws Exception {
        var customer = Pairing.createPhone(control, "Sol");
        var document = TestMedia.bytes("%PDF-1.4\n", 2048);
        var sent = shop.send(customer, new DocumentMessageSimpleBuilder().media(document).mimeType("application/pdf").fileName("boleto.pdf").build()).id();
        var received = shop.awaitInbox(customer, 1).getFirst();
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
        assertThat(shop.awaitInbox(customer, 1).getFirst().get("media").get("status").asText()).isEqualTo("rejected");
    }

    private static List<JsonNode> storedBlobs() {
        return StreamSupport.stream(control.get("/api/media").body().spliterator(), false).toList();
    }
}
