package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import io.kubezap.session.testing.SampleMedia;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Photos and videos in HD, as WhatsApp's apps send them: a standard-quality copy, then the original in a message of its
 * own associated to it ({@code HD_IMAGE_DUAL_UPLOAD}, {@code HD_VIDEO_DUAL_UPLOAD}), shown as one photo with its HD
 * badge. Sent with {@code hd: true}: the API stores one message marked {@code hd}, the phone shows the standard copy at
 * WhatsApp's standard size with the original as its HD file. From a phone: the API shows one message marked {@code hd}
 * whose file is the original. On both engines (Cobalt through the messages {@code cobalt-patches} adds to its model).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HdMediaIT {

    private static final String OWNER = "5511999990074";
    private static final String CUSTOMER = "5511988880074";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "hd-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "hd-74", BaileysBridge.environment(engine));
        world.startLinked(OWNER, CUSTOMER);
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void aPhotoSentInHdIsOnePhotoOnThePhoneAtStandardSizeWithTheOriginalAsItsHdFile() {
        byte[] original = SampleMedia.jpeg(2400, 1800);
        Map<String, Object> request = Map.of("to", CUSTOMER, "type", "image", "caption", "A vista", "hd", true,
                "media", Map.of("data", Base64.getEncoder().encodeToString(original)));
        JsonPath accepted = world.api().header("Idempotency-Key", "hd-vista").body(request).post("/messages")
                .then().statusCode(202).extract().jsonPath();
        assertThat(accepted.getBoolean("hd")).as("one message, marked hd").isTrue();
        String waId = world.awaitSent(accepted.getString("id"));

        Map<String, Object> shown = await().atMost(PATIENCE).until(() -> world.atPhone(CUSTOMER, waId),
                message -> message.isPresent() && Boolean.TRUE.equals(message.get().get("hd"))).orElseThrow();
        assertThat(shown).containsEntry("caption", "A vista");
        assertThat(media(shown, "media")).as("the standard copy, at WhatsApp's standard size")
                .containsEntry("width", 1600).containsEntry("height", 1200).containsEntry("status", "downloaded");
        assertThat(media(shown, "hdMedia")).as("the original, as sent")
                .containsEntry("width", 2400).containsEntry("height", 1800).containsEntry("sha256", sha256(original));
        assertThat(photosAtPhone()).as("the original is no second message on the phone").isEqualTo(1);
        assertThat(shown).as("the app's checks of the pair").doesNotContainKey("hdProblems");

        world.api().header("Idempotency-Key", "hd-vista").body(request).post("/messages").then().statusCode(202)
                .header("Idempotent-Replayed", "true").body("id", equalTo(accepted.getString("id")));
    }

    @Test
    void aVideoSentInHdIsShownAtStandardSizeWithTheOriginalAsItsHdFile() {
        byte[] original = SampleMedia.mp4(1280, 720, 1);
        String id = world.api().body(Map.of("to", CUSTOMER, "type", "video", "hd", true,
                        "media", Map.of("data", Base64.getEncoder().encodeToString(original))))
                .post("/messages").then().statusCode(202).body("hd", equalTo(true)).extract().path("id");
        String waId = world.awaitSent(id);

        Map<String, Object> shown = await().atMost(PATIENCE).until(() -> world.atPhone(CUSTOMER, waId),
                message -> message.isPresent() && Boolean.TRUE.equals(message.get().get("hd"))).orElseThrow();
        assertThat((Integer) media(shown, "media").get("width")).as("the standard copy, at most 848 pixels a side").isLessThanOrEqualTo(848);
        assertThat(media(shown, "hdMedia")).as("the original, as sent").containsEntry("width", 1280).containsEntry("height", 720)
                .containsEntry("sha256", sha256(original));
        assertThat(shown).as("the app's checks of the pair").doesNotContainKey("hdProblems");
    }

    @Test
    void aPhonesHdPhotoIsOneMessageMarkedHdWhoseFileIsTheOriginal() {
        byte[] standard = SampleMedia.jpeg(160, 120);
        byte[] original = SampleMedia.jpeg(640, 480);
        JsonPath sent = world.control().body(Map.of("to", OWNER, "type", "image", "caption", "Do celular",
                        "media", Map.of("data", Base64.getEncoder().encodeToString(standard), "mimeType", "image/jpeg",
                                "width", 160, "height", 120),
                        "hdMedia", Map.of("data", Base64.getEncoder().encodeToString(original), "mimeType", "image/jpeg",
                                "width", 640, "height", 480)))
                .post("/api/phones/" + CUSTOMER + "/messages").then().statusCode(202).extract().jsonPath();

        String id = (String) world.awaitIncoming(sent.getString("id")).get("id");
        Map<String, Object> stored = await().atMost(PATIENCE).until(
                () -> world.api().get("/messages/" + id).then().statusCode(200).extract().jsonPath().<String, Object>getMap(""),
                message -> Boolean.TRUE.equals(message.get("hd")));
        assertThat(stored).containsEntry("type", "image").containsEntry("text", "Do celular");
        byte[] fetched = await().atMost(PATIENCE).until(() -> world.api().get("/messages/" + id + "/media"),
                response -> response.statusCode() == 200).asByteArray();
        assertThat(fetched).as("the message's file is the original").isEqualTo(original);
        world.api().queryParam("direction", "in").queryParam("limit", 200).get("/messages").then().statusCode(200)
                .body("items.findAll { it.waMessageId == '" + sent.getString("originalId") + "' }.size()", equalTo(0));
    }

    @Test
    void hdIsForAPhotoOrAVideoOnly() {
        world.api().body(Map.of("to", CUSTOMER, "type", "document", "hd", true, "fileName", "a.pdf",
                        "media", Map.of("data", Base64.getEncoder().encodeToString("%PDF-1.4".getBytes()))))
                .post("/messages").then().statusCode(400).contentType(containsString("problem+json"))
                .body("errors.field", equalTo(List.of("hd")));
    }

    private long photosAtPhone() {
        return world.control().get("/api/phones/" + CUSTOMER + "/messages").jsonPath().<Map<String, Object>>getList("$")
                .stream().filter(message -> "image".equals(message.get("type"))).count();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> media(Map<String, Object> message, String field) {
        return Optional.ofNullable((Map<String, Object>) message.get(field)).orElseThrow(() -> new AssertionError(field + " missing: " + message));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
