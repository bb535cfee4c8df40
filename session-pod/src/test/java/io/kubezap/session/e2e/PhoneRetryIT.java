package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
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
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A customer's phone that could not decrypt the session's text asks for it again with a retry receipt and gets it. The
 * session knows the customer's LID (the customer wrote first), so the text goes to the LID (LID-first sends); the phone
 * asks again under its number. On Baileys this was lost: Baileys 7 rc14 files what it sent under the address it went to
 * and looks it up under the receipt's, and the bridge gave it no getMessage (MediaIT's voice note never reached the
 * phone once in CI, after such a decryption failure). Baileys only for now: Cobalt's answer to retry receipts is
 * CrashIT's and RetryPrivacyTokensIT's.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = EngineKind.class, names = "Baileys")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PhoneRetryIT {

    private static final String OWNER = "5511999990097";
    private static final String CUSTOMER = "5511988880098";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;

    @BeforeParameterizedClassInvocation
    void startPodAgainstSimulator() throws Exception {
        var workDir = Files.createTempDirectory(Path.of("target"), "phone-retry-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "phone-retry-" + engine.name().toLowerCase(), BaileysBridge.environment(engine));
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
    void aTextThePhoneCouldNotDecryptIsSentAgainWhenItAsksAndReachesIt() {
        world.control().body(Map.of("to", OWNER, "text", "Oi, meu pedido saiu?")).post("/api/phones/" + CUSTOMER + "/messages")
                .then().statusCode(202);
        await().atMost(PATIENCE).until(world::incomingTexts, texts -> texts.contains("Oi, meu pedido saiu?"));
        new Conversation(world).sendThroughApiUntilThePhoneHasIt(CUSTOMER, "Saiu agora cedo.");
        // the phone lost its Signal session with the session's device: it cannot decrypt the next text and asks again
        world.control().body(Map.of("count", 1)).post("/api/phones/" + CUSTOMER + "/simulated-devices/0/decrypt-faults")
                .then().statusCode(202);

        String id = world.api().body(Map.of("to", CUSTOMER, "text", "Chega às 15h.")).post("/messages")
                .then().statusCode(202).extract().path("id");
        String waId = world.awaitSent(id);

        await().atMost(PATIENCE).until(() -> failureOf(waId).isPresent());
        assertThat(world.awaitAtPhone(CUSTOMER, waId).get("text")).as("the text the phone asked for again").isEqualTo("Chega às 15h.");
        assertThat(failureOf(waId).orElseThrow().get("receivedAfterRetry")).as("the phone's decryption failure, then the resend")
                .isEqualTo(true);
    }

    private Optional<Map<String, Object>> failureOf(String waId) {
        List<Map<String, Object>> failures = world.control().get("/api/phones/" + CUSTOMER + "/decrypt-failures").jsonPath().getList("$");
        return failures.stream().filter(failure -> waId.equals(failure.get("id"))).findFirst();
    }
}
