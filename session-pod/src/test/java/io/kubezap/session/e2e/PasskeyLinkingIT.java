package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static io.kubezap.session.e2e.PodAgainstSimulator.payload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A passkey-protected account (WhatsApp since 2026; wa-simulator README, "Passkey linking") links through the REST API on
 * both engines: after the QR scan the session shows WhatsApp's challenge, the owner answers it in a browser (the
 * simulator's control API signs as the owner's browser would), and only a valid answer links. A wrong or late answer is
 * refused with a clear problem, and the next answer links without a new QR.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class PasskeyLinkingIT {

    private static final String OWNER = "5521977770067";

    @TempDir
    Path workDir;

    private PodAgainstSimulator world;

    @AfterEach
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EngineKind.class)
    void aPasskeyProtectedAccountLinksWithTheOwnersAssertionAndAWrongOrLateOneCanBeRetriedWithoutANewQr(EngineKind engine) throws Exception {
        world = PodAgainstSimulator.create(workDir, "passkey-" + engine.name().toLowerCase(), BaileysBridge.environment(engine));
        world.createPhone(OWNER, "Loja Protegida");
        String credentialId = world.control().body(Map.of()).put("/api/phones/" + OWNER + "/passkey")
                .then().statusCode(201).extract().path("credentialId");
        world.startPod();
        world.awaitPhase("WaitingForQR");
        world.scanCurrentQr(OWNER);

        JsonPath waiting = world.awaitPhase("WaitingForPasskey");
        String challenge = waiting.getString("passkey.challenge");
        assertThat(challenge).as("the challenge WhatsApp sent, in the session's state").isEqualTo(pendingChallenge());
        assertThat(waiting.getString("passkey.rpId")).isEqualTo("whatsapp.com");
        assertThat(Instant.parse(waiting.getString("passkey.expiresAt"))).isAfter(Instant.now());
        assertThat(waiting.getString("qr")).as("the QR is spent").isNull();
        world.api().get("/pairing/passkey").then().statusCode(200).body("challenge", equalTo(challenge))
                .body("requestOptions", org.hamcrest.Matchers.containsString(challenge));
        assertThat(world.events("session.passkey_requested")).singleElement()
                .satisfies(event -> assertThat(payload(event).get("challenge")).isEqualTo(challenge));

        Map<String, Object> forAnotherChallenge = assertion("q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80");
        world.api().contentType("application/json").body(forAnotherChallenge).post("/pairing/passkey")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("passkey-assertion-refused"))
                .body("detail", org.hamcrest.Matchers.containsString("answer again"));
        world.api().contentType("application/json").body(Map.of("id", credentialId, "type", "public-key")).post("/pairing/passkey")
                .then().statusCode(400).contentType("application/problem+json");
        assertThat(world.state().getString("phase")).isEqualTo("WaitingForPasskey");

        world.control().body(Map.of()).post("/api/phones/" + OWNER + "/passkey/challenges/expire").then().statusCode(202);
        world.api().contentType("application/json").body(assertion(challenge)).post("/pairing/passkey")
                .then().statusCode(410).contentType("application/problem+json")
                .body("type", org.hamcrest.Matchers.endsWith("passkey-challenge-expired"));
        String renewed = await().atMost(PATIENCE).until(() -> world.state().getString("passkey.challenge"),
                shown -> shown != null && !shown.equals(challenge));
        assertThat(renewed).isEqualTo(pendingChallenge());

        world.api().contentType("application/json").body(assertion(renewed)).post("/pairing/passkey").then().statusCode(200);

        JsonPath connected = world.awaitPhase("Connected");
        assertThat(connected.getString("account.jid")).isEqualTo(OWNER + "@s.whatsapp.net");
        assertThat(connected.getString("passkey")).isNull();
        assertThat(world.events("session.qr")).as("one QR scan was enough").isNotEmpty();
        world.control().get("/api/phones/" + OWNER).then().statusCode(200)
                .body("devices.size()", equalTo(1)).body("devices[0].status", equalTo("LINKED"));
    }

    /** The owner's browser answers {@code challenge}: {@code PublicKeyCredential.toJSON()}. */
    private Map<String, Object> assertion(String challenge) {
        return world.control().body(Map.of("challenge", challenge)).post("/api/phones/" + OWNER + "/passkey/assertions")
                .then().statusCode(200).extract().jsonPath().getMap("$");
    }

    private String pendingChallenge() {
        return world.control().get("/api/phones/" + OWNER + "/passkey").then().statusCode(200).extract().path("pendingChallenge");
    }
}
