package io.kubezap.simulator.cobalt;

import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.message.model.MediaMessage;
import it.auties.whatsapp.model.message.standard.AudioMessage;
import it.auties.whatsapp.model.message.standard.DocumentMessage;
import it.auties.whatsapp.model.message.standard.ImageMessage;
import it.auties.whatsapp.model.message.standard.StickerMessage;
import it.auties.whatsapp.model.message.standard.TextMessage;
import it.auties.whatsapp.model.message.standard.VideoOrGifMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Media a phone sends (encrypted, uploaded to the media host, then Signal-sent), as the Cobalt client
 * receives it and downloads it with {@code Whatsapp.downloadMedia} — through the test-only
 * {@code it.auties.whatsapp.util.Medias} stand-in, since Cobalt 0.0.10's own decrypt fails on every padded file.
 */
@Timeout(300)
class MediaToSessionTest {
    @RegisterExtension
    static final LinkedShop shop = new LinkedShop();
    private static final ControlClient control = shop.control;

    @Test
    void anImageWithItsCaption() throws Exception {
        var image = TestMedia.png(64, 48);
        var info = send(Pairing.createPhone(control, "Carla"), "image", image, "image/png", null, "Olha a foto");

        var message = (ImageMessage) info.message().content();
        assertThat(message.caption()).hasValue("Olha a foto");
        assertThat(message.mimetype()).hasValue("image/png");
        assertThat(message.mediaSize()).hasValue(image.length);
        assertThat(download(info)).isEqualTo(image);
    }

    @Test
    void aVideoWithItsCaptionDurationAndSize() throws Exception {
        var video = TestMedia.bytes("\0\0\0\u0018ftypmp42", 4000);
        var info = send(Pairing.createPhone(control, "Davi"), "video", video, "video/mp4", null, "Chegou assim",
                Map.of(), Map.of("seconds", 12, "width", 640, "height", 360));

        var message = (VideoOrGifMessage) info.message().content();
        assertThat(message.caption()).hasValue("Chegou assim");
        assertThat(message.mimetype()).hasValue("video/mp4");
        assertThat(message.duration()).hasValue(12);
        assertThat(message.width()).hasValue(640);
        assertThat(message.height()).hasValue(360);
        assertThat(download(info)).isEqualTo(video);
    }

    @Test
    void anAudioThatIsNotAVoiceNote() throws Exception {
        var audio = TestMedia.bytes("ID3", 3000);
        var info = send(Pairing.createPhone(control, "Edu"), "audio", audio, "audio/mpeg", null, null);

        var message = (AudioMessage) info.message().content();
        assertThat(message.voiceMessage()).isFalse();
        assertThat(message.mimetype()).hasValue("audio/mpeg");
        assertThat(download(info)).isEqualTo(audio);
    }

    @Test
    void aVoiceNoteIsAnAudioMarkedPtt() throws Exception {
        var voice = TestMedia.bytes("OggS", 2000);
        var info = send(Pairing.createPhone(control, "Fabi"), "voice", voice, null, null, null, Map.of(), Map.of("seconds", 7));

        var message = (AudioMessage) info.message().content();
        assertThat(message.voiceMessage()).isTrue();
        assertThat(message.duration()).hasValue(7);
        assertThat(message.mimetype()).hasValue("audio/ogg; codecs=opus");
        assertThat(download(info)).isEqualTo(voice);
    }

    @Test
    void aDocumentWithItsFileNameAndCaption() throws Exception {
        var document = TestMedia.bytes("%PDF-1.4\n", 6000);
        var info = send(Pairing.createPhone(control, "Gil"), "document", document, "application/pdf", "orcamento.pdf", "Segue o orçamento");

        var message = (DocumentMessage) info.message().content();
        assertThat(message.fileName()).hasValue("orcamento.pdf");
        assertThat(message.caption()).hasValue("Segue o orçamento");
        assertThat(message.mimetype()).hasValue("application/pdf");
        assertThat(download(info)).isEqualTo(document);
    }

    /** Larger than the session pod's default auto-download limit (16 MiB), and than Jackson's default longest string as base64. */
    @Test
    void aDocumentOfSeventeenMebibytes() throws Exception {
        var document = TestMedia.bytes("PK\u0003\u0004", 17 << 20);
        var info = send(Pairing.createPhone(control, "Kiko"), "document", document, "application/zip", "fotos.zip", null);

        var message = (DocumentMessage) info.message().content();
        assertThat(message.mediaSize()).hasValue(document.length);
        var path = message.mediaDirectPath().orElseThrow();
        assertThat(downloadsOf(path)).as("nothing fetched it before the client asked").isZero();
        assertThat(TestMedia.sha256Hex(download(info))).isEqualTo(TestMedia.sha256Hex(document));
        assertThat(downloadsOf(path)).isEqualTo(1);
    }

    @Test
    void aSticker() throws Exception {
        var sticker = TestMedia.bytes("RIFF\0\0\0\0WEBPVP8 ", 700);
        var info = send(Pairing.createPhone(control, "Hana"), "sticker", sticker, null, null, null);

        var message = (StickerMessage) info.message().content();
        assertThat(message.mimetype()).hasValue("image/webp");
        assertThat(download(info)).isEqualTo(sticker);
    }

    @Test
    void aReplyQuotesTheSessionsMessage() throws Exception {
        var customer = Pairing.createPhone(control, "Ivo");
        var offer = shop.client.api.sendChatMessage(Jid.of(customer, JidServer.whatsapp()), "Temos em azul e verde").get(60, TimeUnit.SECONDS);
        shop.awaitInbox(customer, 1);

        var image = TestMedia.png(10, 10);
        var info = send(customer, "image", image, "image/png", null, "Esse aqui", Map.of("quotedMessageId", offer.id()), Map.of());

        var context = ((ImageMessage) info.message().content()).contextInfo().orElseThrow();
        assertThat(context.quotedMessageId()).hasValue(offer.id());
        assertThat(context.quotedMessage().map(quoted -> quoted.content()))
                .hasValueSatisfying(quoted -> assertThat(((TextMessage) quoted).text()).isEqualTo("Temos em azul e verde"));
        assertThat(download(info)).isEqualTo(image);
    }

    @Test
    void aMessageWithoutMediaOrWithAnUnknownTypeIsRefused() {
        var customer = Pairing.createPhone(control, "Juca");
        assertThat(control.post("/api/phones/" + customer + "/messages", Map.of("to", shop.number, "type", "image")).status()).isEqualTo(400);
        assertThat(control.post("/api/phones/" + customer + "/messages", Map.of("to", shop.number, "type", "hologram",
                "media", Map.of("data", "AAAA"))).status()).isEqualTo(400);
        assertThat(control.post("/api/phones/" + customer + "/messages", Map.of("to", shop.number, "type", "image",
                "media", Map.of("data", "not base64!"))).status()).isEqualTo(400);
        assertThat(control.post("/api/phones/" + customer + "/messages", Map.of("to", shop.number, "type", "image", "quotedMessageId", "3EB0NOPE",
                "media", Map.of("data", "AAAA"))).status()).isEqualTo(404);
    }

    private static ChatMessageInfo send(String from, String type, byte[] data, String mimeType, String fileName, String caption) {
        return send(from, type, data, mimeType, fileName, caption, Map.of(), Map.of());
    }

    private static ChatMessageInfo send(String from, String type, byte[] data, String mimeType, String fileName, String caption,
                                        Map<String, String> extra, Map<String, Integer> mediaExtra) {
        var media = new HashMap<String, Object>(mediaExtra);
        media.put("data", Base64.getEncoder().encodeToString(data));
        media.put("mimeType", mimeType);
        media.put("fileName", fileName);
        var request = new HashMap<String, Object>(extra);
        request.put("to", shop.number);
        request.put("type", type);
        request.put("caption", caption);
        request.put("media", media);
        var sent = control.post("/api/phones/" + from + "/messages", request);
        assertThat(sent.status()).as("%s", sent.body()).isEqualTo(202);
        var info = shop.awaitStored(from, sent.body().get("id").asText());
        assertThat(info.message().content()).isInstanceOf(MediaMessage.class);
        return info;
    }

    /** How often the media host served the blob at this direct path. */
    private static int downloadsOf(String directPath) {
        for (var blob : control.get("/api/media").body()) {
            if (blob.get("directPath").asText().equals(directPath)) {
                return blob.get("downloads").asInt();
            }
        }
        throw new AssertionError("The media host has no blob at " + directPath);
    }

    private static byte[] download(ChatMessageInfo info) throws Exception {
        return shop.client.api.downloadMedia(info).get(90, TimeUnit.SECONDS);
    }
}
