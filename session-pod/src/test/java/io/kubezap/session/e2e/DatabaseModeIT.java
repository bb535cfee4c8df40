package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import io.kubezap.session.testing.PodProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Storage mode Database (issue 50, part 1): the packaged pod keeps its WhatsApp key store in PostgreSQL and only a
 * cache on the node. {@link IncomingCrashScenario} with {@code -Ddatabase-mode.kills=N} kills (default 8, fewer than the
 * volume mode's 20: the kill points are the same, and CI time counts), every second start on an emptied data
 * directory, as a pod rescheduled to another node finds it: each text stored and announced once, the same device back
 * every time, without a QR. Then a second pod of the session starts on another (empty) data directory while the first
 * runs, as on a node that comes back: the newer takes the session over, and the older, fenced off, stays off WhatsApp.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseModeIT extends IncomingCrashScenario {

    private static final String OWNER = "5511999990051";
    private static final String CUSTOMER = "5511988880052";

    private PodProcess second;

    DatabaseModeIT() {
        // a text every 200 ms, not 50: each received text writes the whole key store (100+ KB) to PostgreSQL before
        // its acknowledgement, and the backlog a kill leaves (every text of the restart) must drain within the login's
        // timeouts on a loaded CI machine
        super(EngineKind.Cobalt, "database", Map.of("KUBEZAP_STORAGE_MODE", "Database"), 2, "database-mode.kills", 8, 200);
    }

    @AfterAll
    void stopTheSecondPod() throws InterruptedException {
        if (second != null) {
            second.close();
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aSecondPodOfTheSessionTakesItOverAndTheFirstNeverConnectsAgain() throws Exception {
        var world = world();
        world.awaitPhase("Connected");
        long before = world.lastEventId();

        second = world.startAnotherPod(workDir().resolve("other-node"), "second");

        var secondState = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> world.api(second).get().then().statusCode(200).extract().jsonPath(),
                        state -> "Connected".equals(state.getString("phase")));
        assertThat(secondState.getString("account.phoneNumber")).as("the same device, from the database").isEqualTo(OWNER);
        assertThat(world.eventsAfter("session.qr", before)).as("no QR").isEmpty();

        // the first pod's next connection (a restart asked of it, or a dropped socket) is refused by the lease
        world.api().post("/restart").then().statusCode(202);
        var fenced = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(world::state, state -> "KeyStoreTakenOver".equals(state.getString("lastError.reason")));
        assertThat(fenced.getString("phase")).isEqualTo("Reconnecting");

        world.phoneWritesAndTheSessionStoresIt(CUSTOMER, OWNER, "Ainda tem pão de queijo?");
        assertThat(world.state().getString("phase")).as("the fenced pod stays off WhatsApp").isEqualTo("Reconnecting");
        assertThat(leaseToken()).as("each start took the session: the kills' and the second pod's").isGreaterThan(8L);
    }

    private long leaseToken() throws SQLException {
        try (var connection = world().podDatabase().getConnection();
             var statement = connection.prepareStatement("select max(token) from key_store_leases");
             var result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }
}
