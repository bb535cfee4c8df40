package io.kubezap.session.e2e;

import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A fresh session pod (pairing method QR) linked by pairing code: the code the API returns, typed on the
 * simulated phone; what the user sees when a code expires unused, and when a code is asked for twice.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PairingCodeIT {

    private static final String OWNER = "5521977770003";
    /** Short enough to wait for, long enough to type a code right after the API returned it. */
    private static final Duration SHORT_CODE_LIFETIME = Duration.ofSeconds(8);

    @TempDir
    Path workDir;

    private PodAgainstSimulator world;

    @AfterEach
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void theCodeTheApiReturnsLinksThePhoneWhoTypesIt() throws Exception {
        startPod(Map.of(), "WaitingForQR");

        JsonPath issued = requestCode();

        assertThat(issued.getString("expiresAt")).isNotBlank();
        assertShownTypedAndLinked(issued);
    }

    @Test
    void anExpiredCodeLeavesTheStateNoLongerLinksAndANewOneDoes() throws Exception {
        startPod(Map.of("KUBEZAP_PAIRING_CODE_LIFETIME", SHORT_CODE_LIFETIME.toSeconds() + "s"), "WaitingForQR");
        Instant askedAt = Instant.now();
        JsonPath stale = requestCode();
        assertThat(Instant.parse(stale.getString("expiresAt")))
                .isBetween(askedAt.plus(SHORT_CODE_LIFETIME), Instant.now().plus(SHORT_CODE_LIFETIME));

        // expired: the pod dropped the code's socket and, as its pairing method is QR, shows a QR again
        JsonPath afterExpiry = await().atMost(PodAgainstSimulator.PATIENCE).until(world::state,
                state -> "WaitingForQR".equals(state.getString("phase")) && state.getString("qr.code") != null);
        assertThat(afterExpiry.getString("pairingCode")).isNull();
        world.control().body(Map.of("code", stale.getString("code"))).post("/api/phones/" + OWNER + "/pairing-code")
                .then().statusCode(404);
        world.control().get("/api/phones/" + OWNER).then().statusCode(200).body("devices.size()", equalTo(0));

        JsonPath fresh = requestCode();
        assertThat(fresh.getString("code")).isNotEqualTo(stale.getString("code"));
        assertShownTypedAndLinked(fresh);
        assertThat(world.events("session.pairing_code")).hasSize(2);
    }

    @Test
    void askingTwiceReplacesTheFirstCodeAndTheSecondLinks() throws Exception {
        startPod(Map.of(), "WaitingForQR");

        JsonPath first = requestCode();
        JsonPath second = requestCode();

        assertThat(second.getString("code")).isNotEqualTo(first.getString("code"));
        assertShownTypedAndLinked(second);
    }

    @Test
    void withPairingMethodPairingCodeAnExpiredCodeMakesWayForANewOneThatLinks() throws Exception {
        startPod(Map.of("KUBEZAP_PAIRING_METHOD", "PairingCode", "KUBEZAP_PAIRING_PHONE", OWNER,
                "KUBEZAP_PAIRING_CODE_LIFETIME", SHORT_CODE_LIFETIME.toSeconds() + "s"), "WaitingForPairingCode");
        String stale = world.state().getString("pairingCode.code");

        String renewed = await().atMost(PodAgainstSimulator.PATIENCE).until(() -> world.state().getString("pairingCode.code"),
                shown -> shown != null && !shown.equals(stale));
        typeOnThePhone(renewed);

        assertLinkedToTheOwner();
        assertThat(world.events("session.pairing_code")).extracting(event -> payload(event).get("code"))
                .contains(stale, renewed);
    }

    /** A fresh pod with the owner's phone in the simulator, once it shows {@code firstPhase}. */
    private void startPod(Map<String, String> environment, String firstPhase) throws Exception {
        world = PodAgainstSimulator.create(workDir, "loja-02", environment);
        world.createPhone(OWNER, "Padaria");
        world.startPod();
        world.awaitPhase(firstPhase);
    }

    /** {@code POST /pairing-code} for the owner's number; the answer holds {@code code} and {@code expiresAt}. */
    private JsonPath requestCode() {
        JsonPath issued = world.api().body(Map.of("phoneNumber", "+" + OWNER)).post("/pairing-code")
                .then().statusCode(200).extract().jsonPath();
        assertThat(issued.getString("code").replace("-", "")).matches("[A-Z0-9]{8}");
        return issued;
    }

    private void typeOnThePhone(String code) {
        world.control().body(Map.of("code", code)).post("/api/phones/" + OWNER + "/pairing-code").then().statusCode(202);
    }

    /** The state shows {@code issued} as the code to type; the owner types it; the session links. */
    private void assertShownTypedAndLinked(JsonPath issued) {
        JsonPath waiting = world.state();
        assertThat(waiting.getString("phase")).isEqualTo("WaitingForPairingCode");
        assertThat(waiting.getString("pairingCode.code")).isEqualTo(issued.getString("code"));

        typeOnThePhone(issued.getString("code"));

        assertLinkedToTheOwner();
    }

    private void assertLinkedToTheOwner() {
        JsonPath connected = world.awaitPhase("Connected");
        assertThat(connected.getString("account.jid")).isEqualTo(OWNER + "@s.whatsapp.net");
        assertThat(connected.getString("pairingCode")).isNull();
        await().atMost(PodAgainstSimulator.PATIENCE).until(() -> world.state().getString("account.pushName"), equalTo("Padaria"));
        assertThat(world.events("session.connected")).hasSize(1);
        world.control().get("/api/phones/" + OWNER).then().statusCode(200)
                .body("devices.size()", equalTo(1))
                .body("devices[0].status", equalTo("LINKED"));
    }
}
