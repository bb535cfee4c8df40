package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
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

    private EventGuest guest;
    private PodAgainstSimulator world;

    static Stream<Arguments> enginesAndStorageModes() {
        return Stream.of(Arguments.of(EngineKind.Cobalt, "Volume"), Arguments.of(EngineKind.Cobalt, "Database"),
                Arguments.of(EngineKind.Baileys, "Volume"));
    }

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        guest = EventGuest.ofALinkedSession(engine, "event-secret-restart-it-" + engine + "-" + storageMode,
                "agenda-76-" + storageMode.toLowerCase(), OWNER, CUSTOMER, Map.of("KUBEZAP_STORAGE_MODE", storageMode));
        world = guest.world();
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (guest != null) {
            guest.close();
        }
    }

    @Test
    @Order(1)
    void afterARestartTheGuestsAnswersOpenAndTheCreatorStillEditsAndCancels() throws Exception {
        answeredEditedAndCanceledAfter("Vistoria (reiniciado)", world::stopPod);
    }

    @Test
    @Order(2)
    void afterASigkillTheGuestsAnswersOpenAndTheCreatorStillEditsAndCancels() throws Exception {
        answeredEditedAndCanceledAfter("Vistoria (derrubado)", world::killPod);
    }

    /** The event {@code name} sent, the pod ended by {@code ending} and started again, then answered, edited and canceled. */
    private void answeredEditedAndCanceledAfter(String name, Ending ending) throws Exception {
        Sent sent = sendEvent(name);
        ending.end();
        startAgain();
        answersEditAndCancelAfterwards(sent, name);
    }

    /** How the pod goes: SIGTERM or SIGKILL. */
    private interface Ending {
        void end() throws InterruptedException;
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
