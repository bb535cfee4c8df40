package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * WhatsApp becomes unreachable for a while (the simulator cuts the connection and refuses new ones):
 * the session says so instead of claiming to be connected, keeps what is sent meanwhile, keeps
 * retrying, and comes back by itself as the same account, without a QR, delivering what waited.
 * The simulator runs here as the standalone sandbox jar, configured as its README tells users to. Run once per engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutageIT {

    private static final String OWNER = "5511999990004";
    private static final String CUSTOMER = "5511988880005";
    private static final String TEXT = "Seu pedido saiu para entrega.";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "outage-it-" + engine + "-");
        world = PodAgainstSimulator.createWithStandaloneSimulator(workDir, "loja-03", BaileysBridge.environment(engine));
        world.createPhone(OWNER, "Loja");
        world.createPhone(CUSTOMER, "Cliente");
        world.startPod();
        world.scanCurrentQr(OWNER);
        world.awaitPhase("Connected");
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void anOutageIsReportedRetriedAndHealedWithoutAQrAndWithoutLosingASend() {
        long before = world.lastEventId();
        int reconnectsBefore = world.state().getInt("reconnects");

        setWhatsAppReachable(false);

        JsonPath reconnecting = world.awaitPhase("Reconnecting");
        assertThat(reconnecting.getString("lastError.reason")).isNotBlank();
        assertThat(reconnecting.getString("account.phoneNumber")).isEqualTo(OWNER);
        assertThat(world.eventsAfter("session.disconnected", before))
                .anySatisfy(event -> assertThat(payload(event).get("retryAt")).isNotNull());
        String sentDuringOutage = world.api().body(Map.of("to", CUSTOMER, "text", TEXT)).post("/messages")
                .then().statusCode(202).extract().path("id");
        assertThat(message(sentDuringOutage).getString("status")).isEqualTo("queued");
        // the pod keeps trying while WhatsApp is away
        await().atMost(PodAgainstSimulator.PATIENCE).until(this::refusedConnections, refused -> refused >= 2);

        setWhatsAppReachable(true);

        JsonPath connected = world.awaitPhase("Connected");
        assertThat(connected.getString("account.phoneNumber")).isEqualTo(OWNER);
        assertThat(connected.getInt("reconnects")).isGreaterThan(reconnectsBefore);
        assertThat(world.eventsAfter("session.qr", before)).isEmpty();
        await().atMost(PodAgainstSimulator.PATIENCE).until(() -> message(sentDuringOutage).getString("status"), equalTo("sent"));
        await().atMost(PodAgainstSimulator.PATIENCE).untilAsserted(() -> assertThat(customerInbox()).contains(TEXT));
    }

    private void setWhatsAppReachable(boolean reachable) {
        world.control().body(Map.of("reachable", reachable)).put("/api/network").then().statusCode(200)
                .body("reachable", equalTo(reachable));
    }

    private long refusedConnections() {
        return world.control().get("/api/network").then().statusCode(200).extract().jsonPath().getLong("refusedConnections");
    }

    private JsonPath message(String id) {
        return world.api().get("/messages/" + id).then().statusCode(200).extract().jsonPath();
    }

    private List<String> customerInbox() {
        return world.control().get("/api/phones/" + CUSTOMER + "/messages").then().statusCode(200)
                .extract().jsonPath().getList("text");
    }
}
