package io.kubezap.session.e2e;

import io.kubezap.session.testing.SampleMedia;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.testing.SampleFiles.png;
import static io.kubezap.session.testing.SampleFiles.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

/**
 * The packaged pod where Debian's ffmpeg is not installed (a local-mode run on a bare machine): a voice note, sticker or
 * video that would arrive broken is refused with 503 {@code media-conversion-unavailable} naming what to install, and
 * nothing of it is queued; an image still reaches the phone, as given. Conversion happens when the send is accepted,
 * before any engine is involved, so this runs on one engine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MediaWithoutFfmpegIT {

    private static final String OWNER = "5511999990061";
    private static final String CUSTOMER = "5511988880061";

    private PodAgainstSimulator world;

    @BeforeAll
    void startALinkedPodWithoutFfmpegOnItsPath() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "media-without-ffmpeg-it-");
        Path emptyPath = Files.createDirectories(workDir.resolve("bin-without-ffmpeg"));
        world = PodAgainstSimulator.create(workDir, "sem-ffmpeg", Map.of("PATH", emptyPath.toString()));
        world.startLinked(OWNER, CUSTOMER);
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void whatWouldArriveBrokenIsRefusedAndNothingOfItIsQueued() {
        for (var refused : Map.of("voice", SampleMedia.tone("mp3", 1), "sticker", SampleMedia.transparentPng(100, 80),
                "video", SampleMedia.webm(160, 120, 1)).entrySet()) {
            world.api().body(request(refused.getKey(), refused.getValue())).post("/messages")
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("type", endsWith("media-conversion-unavailable"))
                    .body("detail", containsString("ffmpeg"));
        }

        assertThat(world.api().get("/messages").then().statusCode(200).extract().jsonPath().getList("items.type", String.class))
                .as("no message was queued for a refused send").doesNotContain("voice", "sticker", "video");
    }

    @Test
    void anImageStillReachesThePhoneAsGiven() {
        byte[] image = png(64, 48, 61);
        JsonPath accepted = world.api().body(request("image", image)).post("/messages")
                .then().statusCode(202).extract().jsonPath();

        String waId = world.awaitSent(accepted.getString("id"));

        assertThat(world.phoneFile(CUSTOMER, waId)).isEqualTo(image);
        assertThat(accepted.getString("media.sha256")).isEqualTo(sha256(image));
    }

    private static Map<String, Object> request(String type, byte[] file) {
        return Map.of("to", CUSTOMER, "type", type, "media", Map.of("data", Base64.getEncoder().encodeToString(file)));
    }
}
