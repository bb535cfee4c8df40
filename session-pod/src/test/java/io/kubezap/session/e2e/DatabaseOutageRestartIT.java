package io.kubezap.session.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What waits for the database survives the pod: PostgreSQL goes away under a connected session, the customer writes
 * (WhatsApp is told the pod has it, and will not send it again), the pod is killed (SIGKILL, as an OOM kill or a node
 * failure ends it), PostgreSQL comes back, and the pod starts again on the same volume: the texts are stored in order
 * and announced once, and nothing is left waiting on the volume.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageRestartIT {

    private static final String OWNER = "5511999990063";
    private static final String CUSTOMER = "5511988880064";
    private static final List<String> WRITTEN_DURING_OUTAGE = List.of("Bom dia!", "Vocês entregam hoje?", "No centro.");

    @TempDir
    static Path workDir;

    private PodAgainstSimulator world;
    private int device;

    @BeforeAll
    void startAConnectedSession() throws Exception {
        world = PodAgainstSimulator.create(workDir, "loja-63", Map.of());
        device = world.startLinked(OWNER, CUSTOMER);
    }

    @AfterAll
    void stopEverything() throws Exception {
        world.close();
    }

    @Test
    void textsThatWaitedForTheDatabaseAreStoredOnceAfterAKillAndARestart() throws Exception {
        long before = world.lastEventId();
        world.stopDatabase();
        List<String> waIds = WRITTEN_DURING_OUTAGE.stream().map(text -> world.control().body(Map.of("to", OWNER, "text", text))
                .post("/api/phones/" + CUSTOMER + "/messages").then().statusCode(202).extract().<String>path("id")).toList();
        await().atMost(PATIENCE).until(() -> world.messagesAcked(OWNER, device).containsAll(waIds));

        world.killPod();
        world.startDatabase();
        world.startPod();
        world.awaitPhase("Connected");

        await().atMost(PATIENCE).until(() -> world.incomingTexts().containsAll(WRITTEN_DURING_OUTAGE));
        assertThat(world.incomingTexts()).as("the customer's texts, oldest first").containsExactlyElementsOf(WRITTEN_DURING_OUTAGE);
        assertThat(world.eventsAfter("message.received", before)).as("each announced once").hasSize(WRITTEN_DURING_OUTAGE.size());
        assertThat(world.eventsAfter("session.qr", before)).as("linked all along: no QR").isEmpty();
        assertThat(spooled()).as("nothing left waiting on the volume").isEmpty();
    }

    private List<Path> spooled() throws IOException {
        Path spool = world.dataDir().resolve("awaiting-database");
        if (!Files.isDirectory(spool)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(spool)) {
            return files.toList();
        }
    }
}
