package io.kubezap.session.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.testing.Needs;
import io.kubezap.session.testing.PodProcess;
import io.kubezap.session.testing.SampleMedia;
import io.kubezap.session.webhook.WebhookReceiver;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.kubezap.contract.EngineKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static io.kubezap.session.e2e.PodAgainstSimulator.payload;
import static io.kubezap.session.testing.SampleFiles.mp3;
import static io.kubezap.session.testing.SampleFiles.pdf;
import static io.kubezap.session.testing.SampleFiles.png;
import static io.kubezap.session.testing.SampleFiles.sha256;
import static io.kubezap.session.testing.SampleFiles.webp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Files both ways between the packaged pod (real Cobalt adapter, the replaced media class, real PostgreSQL) and a
 * simulated phone: every kind sent through the API reaches the phone, decrypted there to identical bytes; every kind
 * a phone sends is stored, announced, delivered to webhooks and downloadable with identical bytes, small ones at
 * once and large ones on the first request. Voice notes, stickers and images sent reach the phone as WhatsApp's apps
 * expect them (the simulated phone's {@code app} checks): converted, with their seconds, waveform, dimensions,
 * animation flag and thumbnail; a video as an H.264/AAC MP4 with its seconds, size and thumbnail (a GIF played as a
 * GIF), a HEIC photo as a JPEG; media a phone sends shows what its app wrote (seconds, waveform, size, thumbnail), and
 * its sound is served as MP3 or WAV on request; unreadable and hostile files are refused with nothing sent. Run once
 * per engine; files both ways, multipart uploads and quoted replies run once per {@link Addressing}: with a customer
 * WhatsApp addresses by LID (sent to its LID, its files from its LID), each file is in the one chat under the number,
 * the LID beside.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 15, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaIT implements PlacedSession {

    private static final String OWNER = "5511999990012";
    private static final String CUSTOMER = "5511988880012";
    private static final String LID_CUSTOMER = "5511988881012";
    private static final int AUTO_DOWNLOAD_MAX = 100_000;

    private record Sample(String type, byte[] bytes, String mimeType, String fileName, String caption) {
        Map<String, Object> request(String to) {
            var body = new HashMap<String, Object>();
            body.put("to", to);
            body.put("type", type);
            body.put("media", Map.of("data", Base64.getEncoder().encodeToString(bytes)));
            body.put("mimeType", mimeType);
            Optional.ofNullable(fileName).ifPresent(name -> body.put("fileName", name));
            Optional.ofNullable(caption).ifPresent(text -> body.put("caption", text));
            return body;
        }
    }

    /** Made by FFmpeg on first use, after the class has checked that FFmpeg is there. */
    private static final class Samples {
        static final List<Sample> ALL = List.of(
                new Sample("image", png(64, 48, 1), "image/png", null, "Olha a foto"),
                new Sample("video", SampleMedia.mp4(160, 120, 2), "video/mp4", null, "Um vídeo"),
                new Sample("audio", mp3(30_000, 3), "audio/mpeg", null, null),
                new Sample("voice", SampleMedia.oggOpus(2), "audio/ogg; codecs=opus", null, null),
                new Sample("document", pdf(50_000, 5), "application/pdf", "pedido-123.pdf", "Segue o pedido"),
                new Sample("sticker", SampleMedia.stickerWebp(), "image/webp", null, null));
    }

    @Parameter
    EngineKind engine;

    private Path workDir;
    private final ObjectMapper json = new ObjectMapper();
    private PodAgainstSimulator world;
    private WebhookReceiver webhooks;
    private final Map<Addressing, Addressing.Contact> customers = new java.util.EnumMap<>(Addressing.class);

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        Needs.command("ffmpeg", "ffmpeg");
        workDir = Files.createTempDirectory(Path.of("target"), "media-it-" + engine + "-");
        // only the receiver's own loopback address is allowed: sends by URL to 127.0.0.1 stay refused
        webhooks = new WebhookReceiver("127.0.0.2", PodProcess.freePort());
        Path endpoints = Files.writeString(workDir.resolve("webhooks.json"),
                "[{\"url\": \"http://127.0.0.2:" + webhooks.port() + "/hook\", \"events\": [\"message.received\"]}]");
        var environment = new HashMap<>(BaileysBridge.environment(engine));
        environment.putAll(Map.of("KUBEZAP_WEBHOOKS_FILE", endpoints.toString(), "KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.2",
                "KUBEZAP_MEDIA_AUTO_DOWNLOAD_MAX", String.valueOf(AUTO_DOWNLOAD_MAX)));
        world = PodAgainstSimulator.create(workDir, "loja-12", environment, placement());
        customers.put(Addressing.LID, Addressing.LID.createPhone(world, LID_CUSTOMER, "Lia"));
        world.startLinked(OWNER, CUSTOMER);
        customers.get(Addressing.LID).greets(world, OWNER);
        customers.put(Addressing.NUMBER, new Addressing.Contact(CUSTOMER, world.lidOf(CUSTOMER), Addressing.NUMBER));
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        try (var closing = webhooks) {
            if (world != null) {
                world.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Addressing.class)
    void everyKindSentThroughTheApiReachesThePhoneWithIdenticalBytes(Addressing addressing) {
        var customer = customers.get(addressing);
        for (Sample sample : Samples.ALL) {
            JsonPath accepted = world.api().body(sample.request(customer.address())).post("/messages")
                    .then().statusCode(202).extract().jsonPath();
            assertThat(accepted.getString("type")).isEqualTo(sample.type());
            assertThat(accepted.getString("media.sha256")).isEqualTo(sha256(sample.bytes()));
            assertThat(accepted.getLong("media.size")).isEqualTo(sample.bytes().length);
            customer.assertInItsChat(accepted.getMap("$"));

            String waId = awaitSent(accepted.getString("id"));
            assertThat(world.api().get("/messages/" + accepted.getString("id")).jsonPath().getString("status"))
                    .as(sample.type() + " to " + customer.address()).isNotEqualTo("failed");
            Map<String, Object> atPhone = world.awaitAtPhone(customer.number(), waId);
            assertThat(atPhone.get("type")).as(sample.type()).isEqualTo(sample.type());
            @SuppressWarnings("unchecked") Map<String, Object> media = (Map<String, Object>) atPhone.get("media");
            assertThat(media.get("status")).as(sample.type() + " " + media).isEqualTo("downloaded");
            assertThat(media.get("sha256")).isEqualTo(sha256(sample.bytes()));
            if (sample.caption() != null) {
                assertThat(atPhone.get("caption")).isEqualTo(sample.caption());
            }
            if (sample.fileName() != null) {
                assertThat(media.get("fileName")).isEqualTo(sample.fileName());
            }
            assertThat(world.phoneFile(customer.number(), waId)).isEqualTo(sample.bytes());
            if (List.of("image", "voice", "sticker", "video").contains(sample.type())) {
                assertThat(appProblems(media)).as(sample.type()).isEmpty();
            }
            assertThat(download(accepted.getString("id")).asByteArray()).isEqualTo(sample.bytes());
        }
    }

    @Test
    void anMp3SentAsAVoiceNotePlaysAsOneWithItsSecondsAndWaveform() {
        JsonPath accepted = send("voice", SampleMedia.tone("mp3", 3), "audio/mpeg");
        assertThat(accepted.getString("media.mimeType")).isEqualTo("audio/ogg; codecs=opus");
        assertThat(accepted.getInt("media.seconds")).isEqualTo(3);
        assertThat(Base64.getDecoder().decode(accepted.getString("media.waveform"))).hasSize(64);

        String waId = awaitSent(accepted.getString("id"));

        Map<String, Object> media = mediaAtPhone(waId);
        assertThat(media.get("type")).isEqualTo("voice");
        assertThat(media.get("ptt")).isEqualTo(true);
        assertThat(media.get("seconds")).isEqualTo(3);
        assertThat(appProblems(media)).isEmpty();
        assertThat(app(media).get("waveformSamples")).isEqualTo(64);
        assertThat(phoneFile(waId)).startsWith("OggS".getBytes());
    }

    @Test
    void aVoiceNoteSentByUrlIsConvertedWhenFetchedAndOnlyWhatWasSentIsKept() throws IOException {
        byte[] mp3 = SampleMedia.tone("mp3", 2);
        try (var files = new UrlFiles()) {
            String id = world.api().body(Map.of("to", CUSTOMER, "type", "voice", "media", Map.of("url", files.serve("/nota.mp3", mp3))))
                    .post("/messages").then().statusCode(202).extract().path("id");

            Map<String, Object> media = mediaAtPhone(awaitSent(id));

            assertThat(media).containsEntry("mimeType", "audio/ogg; codecs=opus").containsEntry("seconds", 2);
            assertThat(appProblems(media)).isEmpty();
            assertThat(world.api().get("/messages/" + id).then().statusCode(200).extract().jsonPath().getInt("media.seconds"))
                    .isEqualTo(2);
            assertThat(download(id).asByteArray()).startsWith("OggS".getBytes());
            assertThat(storedMedia()).as("the fetched MP3 never joins the media store, the voice note sent does")
                    .doesNotContain(sha256(mp3)).contains(world.api().get("/messages/" + id).jsonPath().getString("media.sha256"));
        }
    }

    @Test
    void theConvertOptionAppliesToAFileGivenByUrlWhenItIsFetched() throws IOException {
        byte[] playable = SampleMedia.mp4(320, 240, 2);
        byte[] webm = SampleMedia.webm(320, 240, 2);
        try (var files = new UrlFiles()) {
            String forced = world.api().body(Map.of("to", CUSTOMER, "type", "video", "convert", true,
                            "media", Map.of("url", files.serve("/clip.mp4", playable)))).post("/messages")
                    .then().statusCode(202).extract().path("id");
            String asGiven = world.api().body(Map.of("to", CUSTOMER, "type", "video", "convert", false,
                            "media", Map.of("url", files.serve("/clip.webm", webm)))).post("/messages")
                    .then().statusCode(202).extract().path("id");

            String forcedAtPhone = awaitSent(forced);
            assertThat(phoneFile(forcedAtPhone)).as("convert=true re-encodes even a playable MP4").isNotEqualTo(playable);
            assertThat(appProblems(mediaAtPhone(forcedAtPhone))).isEmpty();
            assertThat(phoneFile(awaitSent(asGiven))).as("convert=false sends the WebM as given").isEqualTo(webm);
        }
    }

    /** Files served at URLs the pod may fetch (127.0.0.2, its media URL allow list here). */
    private static final class UrlFiles implements AutoCloseable {
        private final com.sun.net.httpserver.HttpServer server;

        UrlFiles() throws IOException {
            server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.2", 0), 0);
            server.start();
        }

        String serve(String path, byte[] bytes) {
            server.createContext(path, exchange -> {
                exchange.sendResponseHeaders(200, bytes.length);
                try (var body = exchange.getResponseBody()) {
                    body.write(bytes);
                }
            });
            return "http://127.0.0.2:" + server.getAddress().getPort() + path;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    /** The SHA-256 of every file in the session's media store (its volume). */
    private List<String> storedMedia() throws IOException {
        try (var files = Files.walk(world.dataDir().resolve("media"))) {
            return files.filter(Files::isRegularFile).map(path -> path.getFileName().toString()).toList();
        }
    }

    @Test
    void aPngAndAnAnimatedGifSentAsStickersShowAs512WebpStickers() {
        String still = awaitSent(send("sticker", SampleMedia.transparentPng(300, 200), "image/png").getString("id"));
        String moving = awaitSent(send("sticker", SampleMedia.animatedGif(8), "image/gif").getString("id"));

        Map<String, Object> stillAtPhone = mediaAtPhone(still);
        assertThat(stillAtPhone).containsEntry("mimeType", "image/webp").containsEntry("width", 512).containsEntry("height", 512);
        assertThat(app(stillAtPhone).get("animated")).isEqualTo(false);
        assertThat(appProblems(stillAtPhone)).isEmpty();
        Map<String, Object> movingAtPhone = mediaAtPhone(moving);
        assertThat(app(movingAtPhone).get("animated")).isEqualTo(true);
        assertThat(appProblems(movingAtPhone)).isEmpty();
    }

    @Test
    void anImageArrivesWithItsDimensionsAndADecodableJpegThumbnail() {
        JsonPath accepted = send("image", png(640, 360, 13), "image/png");
        assertThat(accepted.getInt("media.width")).isEqualTo(640);

        Map<String, Object> media = mediaAtPhone(awaitSent(accepted.getString("id")));

        assertThat(media).containsEntry("width", 640).containsEntry("height", 360);
        assertThat(app(media).get("thumbnailDecodable")).isEqualTo(true);
        assertThat(appProblems(media)).isEmpty();
    }

    @Test
    void aWebmVideoArrivesAsAnH264AacMp4WithItsSecondsSizeAndThumbnail() {
        JsonPath accepted = send("video", SampleMedia.webm(320, 240, 2), "video/webm");
        assertThat(accepted.getString("media.mimeType")).isEqualTo("video/mp4");
        assertThat(accepted.getInt("media.seconds")).isEqualTo(2);

        Map<String, Object> media = mediaAtPhone(awaitSent(accepted.getString("id")));

        assertThat(media).containsEntry("type", "video").containsEntry("mimeType", "video/mp4")
                .containsEntry("seconds", 2).containsEntry("width", 320).containsEntry("height", 240);
        assertThat(app(media).get("thumbnailDecodable")).isEqualTo(true);
        assertThat(appProblems(media)).isEmpty();
        assertThat(app(media).get("gifPlayback")).isEqualTo(false);
    }

    @Test
    void aGifSentAsAVideoPlaysAsAGif() {
        JsonPath accepted = send("video", SampleMedia.animatedGif(20), "image/gif");
        assertThat(accepted.getBoolean("media.gifPlayback")).isTrue();

        Map<String, Object> media = mediaAtPhone(awaitSent(accepted.getString("id")));

        assertThat(media).containsEntry("mimeType", "video/mp4").containsEntry("width", 320);
        assertThat(app(media).get("gifPlayback")).isEqualTo(true);
        assertThat(appProblems(media)).isEmpty();
    }

    @Test
    void aHeicPhotoArrivesAsAJpeg() {
        JsonPath accepted = send("image", SampleMedia.heic(400, 300), "image/heic");
        assertThat(accepted.getString("media.mimeType")).isEqualTo("image/jpeg");

        Map<String, Object> media = mediaAtPhone(awaitSent(accepted.getString("id")));

        assertThat(media).containsEntry("mimeType", "image/jpeg").containsEntry("width", 400).containsEntry("height", 300);
        assertThat(appProblems(media)).isEmpty();
    }

    @Test
    void theConvertOptionIsRefusedWhereItWouldDoNothing() {
        var sticker = new HashMap<>(mediaRequest("sticker", SampleMedia.stickerWebp(), "image/webp"));
        sticker.put("convert", false);
        refused(sticker, 400, "validation-failed");
        refused(Map.of("to", CUSTOMER, "type", "image", "convert", true, "media", Map.of("url", "http://127.0.0.2:9/i.png")),
                400, "validation-failed");
    }

    @Test
    void receivedMediaShowsWhatTheSendersAppWroteAndItsSoundOnRequest() {
        byte[] waveform = new byte[64];
        for (int i = 0; i < waveform.length; i++) {
            waveform[i] = (byte) (i * 100 / 63);
        }
        String voiceWaId = world.control().body(Map.of("to", OWNER, "type", "voice", "media", Map.of(
                        "data", Base64.getEncoder().encodeToString(SampleMedia.oggOpus(3)), "mimeType", "audio/ogg; codecs=opus",
                        "seconds", 3, "waveform", Base64.getEncoder().encodeToString(waveform))))
                .post("/api/phones/" + CUSTOMER + "/messages").then().statusCode(202).extract().path("id");
        byte[] thumbnail = SampleMedia.jpeg(32, 18);
        String videoWaId = world.control().body(Map.of("to", OWNER, "type", "video", "media", Map.of(
                        "data", Base64.getEncoder().encodeToString(SampleMedia.mp4(320, 180, 2)), "mimeType", "video/mp4",
                        "seconds", 2, "width", 320, "height", 180, "thumbnail", Base64.getEncoder().encodeToString(thumbnail))))
                .post("/api/phones/" + CUSTOMER + "/messages").then().statusCode(202).extract().path("id");

        @SuppressWarnings("unchecked") Map<String, Object> voice = (Map<String, Object>) awaitIncoming(voiceWaId).get("media");
        @SuppressWarnings("unchecked") Map<String, Object> video = (Map<String, Object>) awaitIncoming(videoWaId).get("media");

        assertThat(voice).containsEntry("seconds", 3).containsEntry("waveform", Base64.getEncoder().encodeToString(waveform));
        assertThat(video).containsEntry("seconds", 2).containsEntry("width", 320).containsEntry("height", 180)
                .containsEntry("thumbnail", Base64.getEncoder().encodeToString(thumbnail));

        String voiceId = (String) awaitIncoming(voiceWaId).get("id");
        Response mp3 = world.api().queryParam("format", "mp3").get("/messages/" + voiceId + "/media");
        assertThat(mp3.statusCode()).as(mp3.asString()).isEqualTo(200);
        assertThat(mp3.contentType()).isEqualTo("audio/mpeg");
        assertThat(mp3.header("Content-Disposition")).contains(".mp3");
        Response again = world.api().queryParam("format", "mp3").get("/messages/" + voiceId + "/media");
        assertThat(again.header("ETag")).isEqualTo(mp3.header("ETag")).isNotEqualTo(download(voiceId).header("ETag"));
        assertThat(again.asByteArray()).isEqualTo(mp3.asByteArray());

        byte[] wav = world.api().queryParam("format", "wav").get("/messages/" + voiceId + "/media")
                .then().statusCode(200).contentType("audio/wav").extract().asByteArray();
        assertThat(new String(wav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(wav).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertThat(header.getShort(22)).as("mono").isEqualTo((short) 1);
        assertThat(header.getInt(24)).as("16 kHz").isEqualTo(16_000);
        assertThat(wav.length).as("3 s of 16-bit samples").isGreaterThan(3 * 16_000 * 2 - 4000);

        String videoId = (String) awaitIncoming(videoWaId).get("id");
        world.api().queryParam("format", "mp3").get("/messages/" + videoId + "/media").then().statusCode(200);
        world.api().queryParam("format", "flac").get("/messages/" + voiceId + "/media").then().statusCode(400);
    }

    @Test
    void corruptAndHostileMediaAreRefusedWithNothingSent() {
        int before = world.api().queryParam("direction", "out").queryParam("limit", 200).get("/messages")
                .then().statusCode(200).extract().jsonPath().getList("items").size();

        refused(mediaRequest("voice", SampleMedia.corruptOggOpus(), "audio/ogg"), 422, "media-unreadable");
        refused(mediaRequest("sticker", SampleMedia.corruptPng(), "image/png"), 422, "media-unreadable");
        refused(mediaRequest("image", SampleMedia.pngClaiming(10_000), "image/png"), 413, "media-too-large");
        refused(mediaRequest("sticker", SampleMedia.pngClaiming(10_000), "image/png"), 413, "media-too-large");

        assertThat(world.api().queryParam("direction", "out").queryParam("limit", 200).get("/messages")
                .then().statusCode(200).extract().jsonPath().getList("items")).hasSize(before);
    }

    private JsonPath send(String type, byte[] file, String mimeType) {
        return world.api().body(mediaRequest(type, file, mimeType)).post("/messages")
                .then().statusCode(202).extract().jsonPath();
    }

    private static Map<String, Object> mediaRequest(String type, byte[] file, String mimeType) {
        return Map.of("to", CUSTOMER, "type", type, "mimeType", mimeType,
                "media", Map.of("data", Base64.getEncoder().encodeToString(file)));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> mediaAtPhone(String waId) {
        Map<String, Object> media = (Map<String, Object>) awaitAtPhone(waId).get("media");
        assertThat(media.get("status")).as(String.valueOf(media)).isEqualTo("downloaded");
        return media;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> app(Map<String, Object> media) {
        return (Map<String, Object>) media.get("app");
    }

    @SuppressWarnings("unchecked")
    private static List<String> appProblems(Map<String, Object> media) {
        return (List<String>) app(media).get("problems");
    }

    @ParameterizedTest
    @EnumSource(Addressing.class)
    void aFileUploadedAsMultipartArrivesWhole(Addressing addressing) {
        var customer = customers.get(addressing);
        byte[] document = pdf(300_000, 7);
        String id = world.api().contentType(ContentType.MULTIPART)
                .multiPart("to", customer.address()).multiPart("type", "document").multiPart("caption", "Contrato")
                .multiPart("file", "contrato.pdf", document, "application/pdf")
                .post("/messages").then().statusCode(202)
                .body("media.fileName", equalTo("contrato.pdf")).body("media.mimeType", equalTo("application/pdf"))
                .extract().path("id");

        String waId = awaitSent(id);

        assertThat(world.awaitAtPhone(customer.number(), waId).get("caption")).isEqualTo("Contrato");
        assertThat(world.phoneFile(customer.number(), waId)).isEqualTo(document);
    }

    @ParameterizedTest
    @EnumSource(Addressing.class)
    void everyKindAPhoneSendsIsStoredAnnouncedAndDownloadable(Addressing addressing) {
        var customer = customers.get(addressing);
        for (Sample sample : Samples.ALL) {
            var body = new HashMap<String, Object>();
            body.put("to", OWNER);
            body.put("type", sample.type());
            body.put("media", mediaOf(sample));
            Optional.ofNullable(sample.caption()).ifPresent(text -> body.put("caption", text));
            String waId = world.control().body(body).post("/api/phones/" + customer.number() + "/messages")
                    .then().statusCode(202).extract().path("id");

            Map<String, Object> stored = awaitIncoming(waId);
            assertThat(stored.get("type")).isEqualTo(sample.type());
            customer.assertInItsChat(stored);
            @SuppressWarnings("unchecked") Map<String, Object> media = (Map<String, Object>) stored.get("media");
            assertThat(media.get("sha256")).isEqualTo(sha256(sample.bytes()));
            assertThat(((Number) media.get("size")).longValue()).isEqualTo(sample.bytes().length);
            assertThat(media.get("url")).isEqualTo("/api/v1/sessions/loja-12/messages/" + stored.get("id") + "/media");
            if (sample.caption() != null) {
                assertThat(media.get("caption")).isEqualTo(sample.caption());
                assertThat(stored.get("text")).isEqualTo(sample.caption());
            }
            if (sample.fileName() != null) {
                assertThat(media.get("fileName")).isEqualTo(sample.fileName());
            }
            Response file = download((String) stored.get("id"));
            assertThat(file.asByteArray()).isEqualTo(sample.bytes());
            assertThat(file.header("ETag")).isEqualTo("\"" + sha256(sample.bytes()) + "\"");

            String podId = (String) stored.get("id");
            await().atMost(PATIENCE).until(() -> webhookFor(podId).isPresent());
            JsonNode hook = webhookFor(podId).orElseThrow();
            assertThat(hook.path("data").path("media").path("sha256").asText()).isEqualTo(sha256(sample.bytes()));
            assertThat(world.events("message.received")).filteredOn(event -> podId.equals(payload(event).get("id")))
                    .singleElement().satisfies(event -> assertThat(payload(event).get("media")).isNotNull());
        }
    }

    @Test
    void aLargeFileIsFetchedFromWhatsAppOnlyOnTheFirstRequest() {
        byte[] large = pdf(AUTO_DOWNLOAD_MAX * 3, 8);
        String waId = world.control().body(Map.of("to", OWNER, "type", "document",
                        "media", Map.of("data", Base64.getEncoder().encodeToString(large), "mimeType", "application/pdf",
                                "fileName", "catalogo.pdf")))
                .post("/api/phones/" + CUSTOMER + "/messages").then().statusCode(202).extract().path("id");
        String id = (String) awaitIncoming(waId).get("id");
        String blob = lastBlob();
        assertThat(downloadsOf(blob)).as("not fetched before it is asked for").isZero();

        Response first = download(id);
        assertThat(first.asByteArray()).isEqualTo(large);
        assertThat(downloadsOf(blob)).isEqualTo(1);

        Response part = world.api().header("Range", "bytes=10-19").get("/messages/" + id + "/media");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.header("Content-Range")).isEqualTo("bytes 10-19/" + large.length);
        assertThat(part.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(large, 10, 20));
        assertThat(downloadsOf(blob)).as("kept after the first request").isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Addressing.class)
    void aReplyToAMediaMessageKeepsTheQuote(Addressing addressing) {
        var customer = customers.get(addressing);
        String waId = world.control().body(Map.of("to", OWNER, "type", "image", "caption", "Qual o preço?",
                        "media", Map.of("data", Base64.getEncoder().encodeToString(png(20, 20, 9)), "mimeType", "image/png")))
                .post("/api/phones/" + customer.number() + "/messages").then().statusCode(202).extract().path("id");
        String imageId = (String) awaitIncoming(waId).get("id");

        String replyId = world.api().body(Map.of("to", customer.address(), "text", "R$ 10", "quotedMessageId", imageId))
                .post("/messages").then().statusCode(202).extract().path("id");

        assertThat(world.awaitAtPhone(customer.number(), awaitSent(replyId)).get("quotedMessageId")).isEqualTo(waId);
    }

    @Test
    void badMediaRequestsAreRefusedWithNothingQueued() {
        int before = world.api().queryParam("direction", "out").queryParam("limit", 200).get("/messages")
                .then().statusCode(200).extract().jsonPath().getList("items").size();
        String png = Base64.getEncoder().encodeToString(png(10, 10, 10));

        refused(Map.of("to", CUSTOMER, "type", "hologram", "media", Map.of("data", png)), 400, "validation-failed");
        refused(Map.of("to", CUSTOMER, "type", "image"), 400, "validation-failed");
        refused(Map.of("to", CUSTOMER, "type", "sticker", "media", Map.of("data",
                Base64.getEncoder().encodeToString(webp(2 * 1024 * 1024, 11)))), 413, "media-too-large");
        refused(Map.of("to", CUSTOMER, "type", "image", "mimeType", "image/jpeg", "media", Map.of("data", png)),
                415, "unsupported-media-type");
        refused(Map.of("to", CUSTOMER, "type", "image", "media", Map.of("data",
                Base64.getEncoder().encodeToString(pdf(1000, 12)))), 415, "unsupported-media-type");
        refused(Map.of("to", CUSTOMER, "type", "image", "media", Map.of("url", "http://127.0.0.1:9/cat.png")),
                400, "url-not-allowed");
        refused(Map.of("to", CUSTOMER, "type", "document", "media", Map.of("url", "http://169.254.169.254/latest/meta-data")),
                400, "url-not-allowed");

        assertThat(world.api().queryParam("direction", "out").queryParam("limit", 200).get("/messages")
                .then().statusCode(200).extract().jsonPath().getList("items")).hasSize(before);
    }

    private void refused(Map<String, Object> request, int status, String problem) {
        world.api().body(request).post("/messages").then().statusCode(status)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith(problem));
    }

    private static Map<String, Object> mediaOf(Sample sample) {
        var media = new HashMap<String, Object>();
        media.put("data", Base64.getEncoder().encodeToString(sample.bytes()));
        media.put("mimeType", sample.mimeType());
        Optional.ofNullable(sample.fileName()).ifPresent(name -> media.put("fileName", name));
        return media;
    }

    private String awaitSent(String id) {
        return world.awaitSent(id);
    }

    private Map<String, Object> awaitAtPhone(String waId) {
        return world.awaitAtPhone(CUSTOMER, waId);
    }

    private byte[] phoneFile(String waId) {
        return world.phoneFile(CUSTOMER, waId);
    }

    private Map<String, Object> awaitIncoming(String waId) {
        return world.awaitIncoming(waId);
    }

    private Response download(String id) {
        Response response = world.api().get("/messages/" + id + "/media");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response;
    }

    private String lastBlob() {
        List<String> paths = world.control().get("/api/media").jsonPath().getList("directPath");
        return paths.getLast();
    }

    private int downloadsOf(String directPath) {
        return world.control().get("/api/media").jsonPath()
                .getInt("find { it.directPath == '" + directPath + "' }.downloads");
    }

    private Optional<JsonNode> webhookFor(String podId) {
        return webhooks.at("/hook").stream().map(request -> {
            try {
                return json.readTree(request.body());
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            }
        }).filter(body -> podId.equals(body.path("data").path("id").asText())).findFirst();
    }
}
