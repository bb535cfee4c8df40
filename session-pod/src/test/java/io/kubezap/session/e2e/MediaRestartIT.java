package io.kubezap.session.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static io.kubezap.session.testing.SampleFiles.pdf;
import static io.kubezap.session.testing.SampleFiles.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A media send still queued (held back by pacing) when the pod is restarted is sent once after the restart, from the
 * file kept on the volume; the client's retry with the same Idempotency-Key gets the original message, not a copy.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaRestartIT {

    private static final String OWNER = "5511999990013";
    private static final String CUSTOMER = "5511988880013";

    @TempDir
    static Path workDir;

    private PodAgainstSimulator world;

    @BeforeAll
    void startAConnectedSession() throws Exception {
        world = PodAgainstSimulator.create(workDir, "loja-13", Map.of("KUBEZAP_SEND_RATE_PER_MINUTE", "1"));
        world.startLinked(OWNER, CUSTOMER);
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void aQueuedFileSurvivesARestartAndIsSentOnce() throws Exception {
        world.api().body(Map.of("to", CUSTOMER, "text", "Segue o boleto")).post("/messages").then().statusCode(202);
        byte[] document = pdf(200_000, 13);
        Map<String, Object> request = Map.of("to", CUSTOMER, "type", "document", "fileName", "boleto.pdf",
                "media", Map.of("data", Base64.getEncoder().encodeToString(document)));
        String id = world.api().header("Idempotency-Key", "boleto-13").body(request).post("/messages")
                .then().statusCode(202).extract().path("id");
        assertThat(status(id)).as("held back by pacing (one send a minute)").isEqualTo("queued");

        world.restartPod();
        world.awaitPhase("Connected");
        world.api().header("Idempotency-Key", "boleto-13").body(request).post("/messages")
                .then().statusCode(202).header("Idempotent-Replayed", "true").body("id", equalTo(id));

        await().atMost(PATIENCE).until(() -> status(id), equalTo("sent"));
        await().atMost(PATIENCE).until(() -> documentsAtPhone().size() == 1);
        Thread.sleep(3000); // a second copy would arrive right behind the first
        List<Map<String, Object>> documents = documentsAtPhone();
        assertThat(documents).hasSize(1);
        assertThat(world.control().get("/api/phones/" + CUSTOMER + "/messages/" + documents.getFirst().get("id") + "/media")
                .then().statusCode(200).extract().asByteArray()).isEqualTo(document);
    }

    private String status(String id) {
        return world.api().get("/messages/" + id).then().statusCode(200).extract().path("status");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> documentsAtPhone() {
        List<Map<String, Object>> messages = world.control().get("/api/phones/" + CUSTOMER + "/messages").jsonPath().getList("$");
        return messages.stream().filter(m -> "document".equals(m.get("type"))
                && sha256Of(m).equals(sha256(pdf(200_000, 13)))).toList();
    }

    @SuppressWarnings("unchecked")
    private static String sha256Of(Map<String, Object> message) {
        return String.valueOf(((Map<String, Object>) message.get("media")).get("sha256"));
    }
}
