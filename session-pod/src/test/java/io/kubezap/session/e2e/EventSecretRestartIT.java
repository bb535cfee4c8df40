package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import io.kubezap.session.testing.PodProcess;
import io.kubezap.session.webhook.WebhookReceiver;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A calendar event's secret outlives the pod that sent it: the session sends an event, the pod is stopped (SIGTERM) or
 * killed (SIGKILL) and started again, and only then does the guest answer (GOING, then MAYBE) and the creator edit and
 * cancel. The answers open (the session shows them, and announces them as {@code event.response}) and the guest's phone
 * opens the edit and the cancellation with the secret, its app's checks passed. Cobalt in both storage modes (Database:
 * the data directory emptied before each start, as a pod on another node finds it), Baileys in Volume mode only (record
 * 0013: the CRD refuses Database for it).
 */
@ParameterizedClass(name = "{0} {1}")
@MethodSource("enginesAndStorageModes")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventSecretRestartIT {

    private static final String OWNER = "5511999990076";
    private static final String CUSTOMER = "5511988880076";

    @Parameter(0)
    EngineKind engine;

    @Parameter(1)
    String storageMode;

    private PodAgainstSimulator world;
    private WebhookReceiver webhooks;
    private EventGuest guest;

    static Stream<Arguments> enginesAndStorageModes() {
        return Stream.of(Arguments.of(EngineKind.Cobalt, "Volume"), Arguments.of(EngineKind.Cobalt, "Database"),
                Arguments.of(EngineKind.Baileys, "Volume"));
    }

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "event-secret-restart-it-" + engine + "-" + storageMode + "-");
        webhooks = new WebhookReceiver(PodProcess.freePort());
        var environment = EventGuest.environment(engine, workDir, webhooks);
        environment.put("KUBEZAP_STORAGE_MODE", storageMode);
        world = PodAgainstSimulator.create(workDir, "agenda-76-" + storageMode.toLowerCase(), environment);
        guest = new EventGuest(world, webhooks, CUSTOMER);
        world.startLinked(OWNER, CUSTOMER);
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        try (var closing = webhooks) {
            if (world != null) {
                world.close();
            }
        }
    }

    @Test
    @Order(1)
    void afterARestartTheGuestsAnswersOpenAndTheCreatorStillEditsAndCancels() throws Exception {
        String name = "Vistoria (reiniciado)";
        Sent sent = sendEvent(name);
        world.stopPod();
        startAgain();
        answersEditAndCancelAfterwards(sent, name);
    }

    @Test
    @Order(2)
    void afterASigkillTheGuestsAnswersOpenAndTheCreatorStillEditsAndCancels() throws Exception {
        String name = "Vistoria (derrubado)";
        Sent sent = sendEvent(name);
        world.killPod();
        startAgain();
        answersEditAndCancelAfterwards(sent, name);
    }

    /** The event {@code name}, on the guest's phone with its checks passed: the pod's id and the WhatsApp id. */
    private Sent sendEvent(String name) {
        long start = startTime();
        String id = world.api().body(Map.of("chatId", CUSTOMER, "event", Map.of("name", name, "startTime", start,
                        "endTime", start + 3600, "extraGuestsAllowed", true)))
                .post("/events").then().statusCode(202).extract().path("id");
        String waId = world.awaitSent(id);
        assertThat(guest.card(waId).getList("event.problems")).as("what the phone's app checks of the event").isEmpty();
        return new Sent(id, waId);
    }

    private void answersEditAndCancelAfterwards(Sent sent, String name) {
        String id = sent.id();
        String waId = sent.waId();
        guest.respond(waId, "GOING");
        guest.awaitAnswerShown(id, "GOING");
        guest.respond(waId, "MAYBE");
        guest.awaitAnswerShown(id, "MAYBE");
        guest.awaitAnswerAnnounced(id, "MAYBE", name);

        long later = startTime() + 7200;
        world.api().body(Map.of("name", name + " (novo horário)", "startTime", later, "endTime", later + 3600))
                .patch("/events/" + id).then().statusCode(200);
        guest.awaitEditShown(waId, name + " (novo horário)", later);

        world.api().post("/events/" + id + "/cancel").then().statusCode(200).body("event.canceled", equalTo(true));
        guest.awaitCancelShown(waId);
    }

    /** Storage mode Database: the data directory is only a cache, emptied as a pod on another node finds it. */
    private void startAgain() throws Exception {
        if ("Database".equals(storageMode)) {
            KeyStoreCopies.deleteTree(world.keyStore());
        }
        world.startPod();
        world.awaitPhase("Connected");
    }

    /** An event the pod sent: its id and WhatsApp's. */
    private record Sent(String id, String waId) {
    }

    private static long startTime() {
        return Instant.now().plusSeconds(86_400).getEpochSecond() / 60 * 60;
    }
}
