package io.kubezap.simulator.cobalt;

import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.message.model.MediaMessage;
import it.auties.whatsapp.model.message.standard.AudioMessage;
import it.auties.whatsapp.model.message.standard.DocumentMessage;
import it.auties.whatsapp.model.message.standard.ImageMessage;
import it.auties.whatsapp.model.message.standard.StickerMessage;
import it.auties.whatsapp.model.message.standard.VideoOrGifMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Media a phone sends, as the unmodified Cobalt client receives and downloads it. */
@Timeout(180)
class MediaToSessionTest {
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

    @Test
    void anImageAPhoneSendsIsDownloadedByCobaltWithIdenticalBytes() throws Exception {
        var customer = Pairing.createPhone(control, "Carla");
        var image = TestMedia.png(64, 48);

        var info = send(customer, Map.of("type", "image", "caption", "Olha a foto",
                "media", Map.of("data", base64(image), "mimeType", "image/png")));

        var message = (ImageMessage) info.message().content();
        assertThat(message.caption()).hasValue("Olha a foto");
        assertThat(message.mimetype()).hasValue("image/png");
        assertThat(message.mediaSize()).hasValue(image.length);
        assertThat(download(info)).isEqualTo(image);
    }

    private static ChatMessageInfo send(String from, Map<String, ?> body) {
        var request = new HashMap<String, Object>(body);
        request.put("to", shop);
        var sent = control.post("/api/phones/" + from + "/messages", request);
        assertThat(sent.status()).as("%s", sent.body()).isEqualTo(202);
        var id = sent.body().get("id").asText();
        var chat = Jid.of(from, JidServer.whatsapp());
        await().atMost(DELIVERY_WAIT).until(() -> client.api.store().findMessageById(chat, id).isPresent());
        return (ChatMessageInfo) client.api.store().findMessageById(chat, id).orElseThrow();
    }

    private static byte[] download(ChatMessageInfo info) throws Exception {
        return client.api.downloadMedia(info).get(90, TimeUnit.SECONDS);
    }

    private static String base64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }
}
