package io.kubezap.simulator.cobalt;

import it.auties.whatsapp.model.info.ContextInfo;
import it.auties.whatsapp.model.message.model.Message;
import it.auties.whatsapp.model.message.standard.AudioMessageSimpleBuilder;
import it.auties.whatsapp.model.message.standard.DocumentMessageSimpleBuilder;
import it.auties.whatsapp.model.message.standard.ImageMessageSimpleBuilder;
import it.auties.whatsapp.model.message.standard.SimpleStickerMessageBuilder;
import it.auties.whatsapp.model.message.standard.VideoMessageSimpleBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Media the Cobalt client sends with its own builders, as the phone that receives it sees it: the
 * phone downloads the blob from the media host, checks both hashes and the MAC, and decrypts it.
 * Cobalt runs with the test-only {@code it.auties.whatsapp.util.Medias} stand-in (Cobalt 0.0.10's own
 * upload MAC leaves the IV out, which a phone rejects — see {@link MediaTamperingTest}).
 */
@Timeout(300)
class MediaFromSessionTest {
    @RegisterExtension
    static final LinkedShop shop = new LinkedShop();
    private static final ControlClient control = shop.control;

    record Case(String type, byte[] data, String mimeType, String caption, String fileName, Function<byte[], Message> build) {
        @Override
        public String toString() {
            return type;
        }
    }

    static Stream<Case> cases() {
        var image = TestMedia.png(40, 30);
        var video = TestMedia.bytes("\0\0\0\u0018ftypmp42", 3000);
        var audio = TestMedia.bytes("ID3", 2500);
        var voice = TestMedia.bytes("OggS", 1800);
        var document = TestMedia.bytes("%PDF-1.4\n", 5000);
        var sticker = TestMedia.bytes("RIFF\0\0\0\0WEBPVP8 ", 900);
        return Stream.of(
                new Case("image", image, "image/png", "Seu pedido", null,
                        data -> new ImageMessageSimpleBuilder().media(data).mimeType("image/png").caption("Seu pedido").build()),
                new Case("video", video, "video/mp4", "Como chegar", null,
                        data -> new VideoMessageSimpleBuilder().media(data).mimeType("video/mp4").caption("Como chegar").build()),
                new Case("audio", audio, "audio/mpeg", null, null,
                        data -> new AudioMessageSimpleBuilder().media(data).mimeType("audio/mpeg").voiceMessage(false).build()),
                new Case("voice", voice, "audio/ogg; codecs=opus", null, null,
                        data -> new AudioMessageSimpleBuilder().media(data).mimeType("audio/ogg; codecs=opus").voiceMessage(true).build()),
                new Case("document", document, "application/pdf", null, "nota-fiscal-4711.pdf",
                        data -> new DocumentMessageSimpleBuilder().media(data).mimeType("application/pdf").fileName("nota-fiscal-4711.pdf").build()),
                new Case("sticker", sticker, "image/webp", null, null,
                        data -> new SimpleStickerMessageBuilder().media(data).mimeType("image/webp").build()));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void everyKindCobaltSendsReachesThePhoneWithIdenticalBytes(Case media) throws Exception {
        var customer = Pairing.createPhone(control, "Bia");

        var sent = shop.send(customer, media.build().apply(media.data()));

        var received = shop.awaitInbox(customer, 1).getFirst();
        assertThat(received.get("id").asText()).isEqualTo(sent.id());
        assertThat(received.get("type").asText()).isEqualTo(media.type());
        assertThat(received.path("caption").isNull() ? null : received.get("caption").asText()).isEqualTo(media.caption());
        var file = received.get("media");
        assertThat(file.get("status").asText()).as("%s", received).isEqualTo("downloaded");
        assertThat(file.get("sha256").asText()).isEqualTo(TestMedia.sha256Hex(media.data()));
        assertThat(file.get("size").asLong()).isEqualTo(media.data().length);
        assertThat(file.get("mimeType").asText()).isEqualTo(media.mimeType());
        assertThat(file.get("ptt").asBoolean()).isEqualTo(media.type().equals("voice"));
        assertThat(file.path("fileName").isNull() ? null : file.get("fileName").asText()).isEqualTo(media.fileName());

        var bytes = fetch(file.get("url").asText());
        assertThat(bytes.statusCode()).isEqualTo(200);
        assertThat(bytes.body()).isEqualTo(media.data());
        assertThat(bytes.headers().firstValue("Content-Type")).hasValue(media.mimeType());
    }

    @Test
    void aReplyToThePhonesPhotoNamesTheQuotedMessage() throws Exception {
        var customer = Pairing.createPhone(control, "Caio");
        var photo = control.post("/api/phones/" + customer + "/messages", Map.of("to", shop.number, "type", "image", "caption", "Tem desse?",
                "media", Map.of("data", Base64.getEncoder().encodeToString(TestMedia.png(20, 20)), "mimeType", "image/png")));
        assertThat(photo.status()).as("%s", photo.body()).isEqualTo(202);
        var photoId = photo.body().get("id").asText();
        var quoted = shop.awaitStored(customer, photoId);

        var catalogue = TestMedia.bytes("%PDF-1.4\n", 1200);
        shop.send(customer, new DocumentMessageSimpleBuilder().media(catalogue).mimeType("application/pdf").fileName("catalogo.pdf")
                .contextInfo(ContextInfo.of(quoted)).build());

        var reply = shop.awaitInbox(customer, 1).getFirst();
        assertThat(reply.get("quotedMessageId").asText()).isEqualTo(photoId);
        assertThat(reply.get("media").get("sha256").asText()).isEqualTo(TestMedia.sha256Hex(catalogue));
    }

    private static HttpResponse<byte[]> fetch(String path) throws Exception {
        try (var http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build()) {
            return http.send(HttpRequest.newBuilder(URI.create(SimulatorFixture.simulator().controlUrl() + path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }
    }
}
