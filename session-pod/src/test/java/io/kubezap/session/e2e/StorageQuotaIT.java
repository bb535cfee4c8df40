package io.kubezap.session.e2e;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static io.kubezap.session.testing.SampleFiles.pdf;
import static io.kubezap.session.testing.SampleFiles.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;

/**
 * A contact spams the packaged pod with documents until the session's storage quota (300 kB here) is reached: the
 * state document the operator reads says so, and from then on nothing is lost silently — the spammer's next document
 * and texts are stored (its file is not downloaded: 507 on request), texts are still sent, and sending media is
 * refused with 507.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorageQuotaIT {

    private static final String OWNER = "5511999990035";
    private static final String SPAMMER = "5511988880035";
    private static final long QUOTA = 300_000;

    @TempDir
    static Path workDir;

    private PodAgainstSimulator world;

    @BeforeAll
    void startAConnectedSession() throws Exception {
        world = PodAgainstSimulator.create(workDir, "loja-35", Map.of("KUBEZAP_STORAGE_QUOTA", Long.toString(QUOTA),
                "KUBEZAP_STORAGE_QUOTA_CHECK_INTERVAL", "1s", "KUBEZAP_MEDIA_AUTO_DOWNLOAD_MAX", "1000000"));
        world.startLinked(OWNER, SPAMMER);
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void aSpammerFillingTheQuotaIsReportedAndLosesNothingSilently() {
        assertThat(world.state().getMap("storageQuota")).as("below the quota").isNull();
        String first = storedFrom(phoneSends("document", pdf(100_000, 100), "application/pdf", "spam 0"));
        world.api().get("/messages/" + first + "/media").then().statusCode(200);
        for (int i = 1; i < 4; i++) { // 4 × 100 kB, downloaded on arrival while below the quota
            storedFrom(phoneSends("document", pdf(100_000, 100 + i), "application/pdf", "spam " + i));
        }

        JsonPath over = await().atMost(PATIENCE).until(world::state, state -> state.getMap("storageQuota") != null);
        assertThat(over.getLong("storageQuota.quotaBytes")).isEqualTo(QUOTA);
        assertThat(over.getLong("storageQuota.usedBytes")).isGreaterThanOrEqualTo(QUOTA);
        assertThat(over.getString("phase")).isEqualTo("Connected");

        String moreSpam = storedFrom(phoneSends("document", pdf(100_000, 200), "application/pdf", "more spam"));
        assertThat(world.api().get("/messages/" + moreSpam).jsonPath().getString("text")).isEqualTo("more spam");
        world.api().get("/messages/" + moreSpam + "/media").then().statusCode(507)
                .body("type", endsWith("storage-quota-exceeded"));
        String text = world.control().body(Map.of("to", OWNER, "type", "text", "text", "ainda aqui"))
                .post("/api/phones/" + SPAMMER + "/messages").then().statusCode(202).extract().path("id");
        assertThat(storedFrom(text)).isNotBlank();

        String reply = world.api().body(Map.of("to", SPAMMER, "type", "text", "text", "Recebido"))
                .post("/messages").then().statusCode(202).extract().path("id");
        assertThat(world.awaitSent(reply)).isNotBlank();
        world.api().body(Map.of("to", SPAMMER, "type", "image", "media",
                        Map.of("data", Base64.getEncoder().encodeToString(png(32, 32, 1)))))
                .post("/messages").then().statusCode(507).contentType("application/problem+json")
                .body("type", endsWith("storage-quota-exceeded"));
    }

    private String phoneSends(String type, byte[] bytes, String mimeType, String caption) {
        return world.control().body(Map.of("to", OWNER, "type", type, "caption", caption,
                        "media", Map.of("data", Base64.getEncoder().encodeToString(bytes), "mimeType", mimeType)))
                .post("/api/phones/" + SPAMMER + "/messages").then().statusCode(202).extract().path("id");
    }

    /** The pod's id of the message the phone sent as {@code waId}, once stored. */
    private String storedFrom(String waId) {
        return await().atMost(PATIENCE).until(() -> world.api().queryParam("direction", "in").queryParam("limit", 200)
                        .get("/messages").then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items")
                        .stream().filter(m -> waId.equals(m.get("waMessageId"))).findFirst(), Optional::isPresent)
                .map(m -> (String) m.get("id")).orElseThrow();
    }
}
