package io.kubezap.session.e2e;

import io.restassured.response.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static io.kubezap.session.e2e.PodAgainstSimulator.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL goes away under a connected session and comes back. Meanwhile the pod's API answers 503 with a
 * {@code Retry-After} (a client retries that, not a 500) and the pod stays up and connected; what the customer writes
 * meanwhile is acked to WhatsApp's server, which will not send it again, and is in the pod's messages and announced
 * once when the database is back, and so are a drop of the WhatsApp connection (its reason) and the reconnect. A send retried with its Idempotency-Key then goes out once.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageIT {

    private static final String OWNER = "5511999990061";
    private static final String CUSTOMER = "5511988880062";
    private static final List<String> WRITTEN_DURING_OUTAGE = List.of("Oi, ainda estão abertos?", "Quero dois pães.");

    @TempDir
    static Path workDir;

    private PodAgainstSimulator world;
    private int device;

    @BeforeAll
    void startAConnectedSession() throws Exception {
        world = PodAgainstSimulator.create(workDir, "loja-61", Map.of());
        device = world.startLinked(OWNER, CUSTOMER);
    }

    @AfterAll
    void stopEverything() throws Exception {
        world.close();
    }

    @Test
    void whileItsDatabaseIsDownThePodAnswers503AndLosesNothingWhatsAppDelivered() throws Exception {
        long before = world.lastEventId();
        world.stopDatabase();

        for (Response answer : List.of(world.api().get("/messages"), send())) {
            answer.then().statusCode(503).contentType("application/problem+json");
            assertThat(answer.jsonPath().getString("type")).isEqualTo("https://kubezap.io/problems/database-unavailable");
            assertThat(answer.jsonPath().getString("detail")).contains("database");
            assertThat(Integer.parseInt(answer.header("Retry-After"))).isPositive();
        }
        List<String> waIds = WRITTEN_DURING_OUTAGE.stream().map(text -> world.control().body(Map.of("to", OWNER, "text", text))
                .post("/api/phones/" + CUSTOMER + "/messages").then().statusCode(202).extract().<String>path("id")).toList();
        await().atMost(PATIENCE).until(() -> world.messagesAcked(OWNER, device).containsAll(waIds));
        assertThat(world.state().getString("phase")).as("the session stays connected").isEqualTo("Connected");
        assertThat(world.podReady()).as("still ready: the Service keeps routing to the pod, which answers 503 with Retry-After")
                .isTrue();
        int reconnects = world.state().getInt("reconnects");
        // "replaced": WhatsApp closes the connection with a reason the pod announces (session.disconnected), then reconnects
        world.injectFault(OWNER, device, "conflict");
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> world.state().getInt("reconnects") > reconnects);
        world.awaitPhase("Connected");

        world.startDatabase();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500))
                .until(() -> world.api().get("/messages").statusCode() == 200);
        await().atMost(PATIENCE).until(() -> world.incomingTexts().containsAll(WRITTEN_DURING_OUTAGE));
        assertThat(world.incomingTexts()).as("the customer's texts, oldest first").containsExactlyElementsOf(WRITTEN_DURING_OUTAGE);
        assertThat(world.eventsAfter("message.received", before)).as("each announced once").hasSize(WRITTEN_DURING_OUTAGE.size());
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(world.eventsAfter("session.disconnected", before)).as("the drop, announced late").singleElement()
                    .satisfies(event -> assertThat(payload(event).get("reason")).isEqualTo("Conflict"));
            assertThat(world.eventsAfter("session.connected", before)).as("the reconnect, announced late").isNotEmpty();
        });

        Response retried = send();
        retried.then().statusCode(202);
        String waId = world.awaitSent(retried.jsonPath().getString("id"));
        assertThat(world.awaitAtPhone(CUSTOMER, waId)).containsEntry("text", "Abrimos às 7h.");
    }

    private Response send() {
        return world.api().header("Idempotency-Key", "reply-during-outage")
                .body(Map.of("to", CUSTOMER, "text", "Abrimos às 7h.")).post("/messages");
    }
}
