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
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A message resent after a retry receipt carries the contact's privacy token like any one-to-one message (WhatsApp
 * refuses a token-less resend with 463; wa-simulator's README, "Privacy tokens"): a customer's second device that could
 * not decrypt the session's text asks for it again and gets it. Cobalt only: Baileys 7 rc14 answers a retry receipt from
 * a device other than a phone's device 0 with a resend only when it finds the message under the device's JID, which it
 * files under the chat's (its recent-message cache; the bridge has no getMessage), so it never resends here; a retry
 * from a phone's device 0 it answers with a whole new send, which carries the token (session-pod/README).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(value = EngineKind.class, names = "Cobalt")
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetryPrivacyTokensIT {

    private static final String OWNER = "5511999990095";
    private static final String CUSTOMER = "5511988880096";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;
    private int secondDevice;

    @BeforeParameterizedClassInvocation
    void startPodAgainstSimulator() throws Exception {
        var workDir = Files.createTempDirectory(Path.of("target"), "retry-tokens-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "retry-tokens-" + engine.name().toLowerCase(), BaileysBridge.environment(engine));
        world.createPhone(OWNER, "Loja");
        world.createPhone(CUSTOMER, "Cliente");
        secondDevice = world.control().body(Map.of()).post("/api/phones/" + CUSTOMER + "/simulated-devices").then().statusCode(201)
                .extract().path("deviceId");
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
    void aResendAfterARetryReceiptShowsTheCustomersTokenAndReachesTheDeviceThatAsked() {
        var conversation = new Conversation(world);
        world.control().body(Map.of("to", OWNER, "text", "Oi, meu pedido saiu?")).post("/api/phones/" + CUSTOMER + "/messages")
                .then().statusCode(202);
        await().atMost(PATIENCE).until(world::incomingTexts, texts -> texts.contains("Oi, meu pedido saiu?"));
        conversation.sendThroughApiUntilThePhoneHasIt(CUSTOMER, "Saiu agora cedo.");
        await().atMost(PATIENCE).until(() -> deviceTexts(), texts -> texts.contains("Saiu agora cedo."));
        // the customer's second device lost its Signal sessions: it cannot decrypt the next text and asks for it again
        world.control().body(Map.of("count", 1)).post("/api/phones/" + CUSTOMER + "/simulated-devices/" + secondDevice + "/decrypt-faults")
                .then().statusCode(202);

        var sent = conversation.sendThroughApiUntilThePhoneHasIt(CUSTOMER, "Chega às 15h.");

        await().atMost(PATIENCE).until(() -> refusals().stream().anyMatch(refusal -> sent.waMessageId().equals(refusal.get("id")))
                || deviceTexts().contains("Chega às 15h."));
        assertThat(refusals()).as("WhatsApp refused the resend the customer's device asked for (463): it went without the"
                + " customer's token").noneMatch(refusal -> sent.waMessageId().equals(refusal.get("id")));
        assertThat(deviceTexts()).as("the customer's device that asked again got the text").contains("Chega às 15h.");
    }

    private List<Map<String, Object>> refusals() {
        return world.control().get("/api/phones/" + OWNER + "/refused-messages").jsonPath().getList("$");
    }

    private List<String> deviceTexts() {
        return world.control().get("/api/phones/" + CUSTOMER + "/simulated-devices/" + secondDevice + "/messages").jsonPath()
                .getList("text");
    }
}
