package io.kubezap.session.e2e;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** A fresh session pod linked by pairing code: the code the API returns, typed on the simulated phone. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PairingCodeIT {

    private static final String OWNER = "5521977770003";

    @TempDir
    Path workDir;

    private PodAgainstSimulator world;

    @BeforeEach
    void startPodAgainstSimulator() throws Exception {
        world = PodAgainstSimulator.create(workDir, "loja-02", Map.of());
        world.createPhone(OWNER, "Padaria");
        world.startPod();
    }

    @AfterEach
    void stopEverything() throws Exception {
        world.close();
    }

    @Test
    void theCodeTheApiReturnsLinksThePhoneWhoTypesIt() {
        world.awaitPhase("WaitingForQR");

        JsonPath issued = world.api().body(Map.of("phoneNumber", "+" + OWNER)).post("/pairing-code")
                .then().statusCode(200).extract().jsonPath();
        String code = issued.getString("code");
        assertThat(code.replace("-", "")).matches("[A-Z0-9]{8}");
        assertThat(issued.getString("expiresAt")).isNotBlank();
        JsonPath waiting = world.state();
        assertThat(waiting.getString("phase")).isEqualTo("WaitingForPairingCode");
        assertThat(waiting.getString("pairingCode.code")).isEqualTo(code);

        world.control().body(Map.of("code", code)).post("/api/phones/" + OWNER + "/pairing-code").then().statusCode(202);

        JsonPath connected = world.awaitPhase("Connected");
        assertThat(connected.getString("account.jid")).isEqualTo(OWNER + "@s.whatsapp.net");
        assertThat(connected.getString("pairingCode")).isNull();
        await().atMost(PodAgainstSimulator.PATIENCE).until(() -> world.state().getString("account.pushName"), equalTo("Padaria"));
        assertThat(world.events("session.connected")).hasSize(1);
        world.control().get("/api/phones/" + OWNER).then().statusCode(200)
                .body("devices.size()", org.hamcrest.Matchers.equalTo(1))
                .body("devices[0].status", org.hamcrest.Matchers.equalTo("LINKED"));
    }
}
