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

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * WhatsApp's calendar events between the packaged pod and a simulated phone: an event created through
 * {@code POST /events} (WAHA's request) reaches the phone as an {@code eventMessage} whose card the phone's app shows
 * (its checks find no problem), the guest's answers come back as {@code event.response} events and in
 * {@code GET /messages/{id}}, and the creator's edit and cancellation change the phone's card. On both engines.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventMessagesIT {

    private static final String OWNER = "5511999990071";
    private static final String CUSTOMER = "5511988880071";

    @Parameter
    EngineKind engine;

    private EventGuest guest;
    private PodAgainstSimulator world;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        guest = EventGuest.ofALinkedSession(engine, "event-messages-it-" + engine, "agenda-71", OWNER, CUSTOMER, Map.of());
        world = guest.world();
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (guest != null) {
            guest.close();
        }
    }

    @Test
    void anEventReachesThePhoneItsAnswersComeBackAndItsCreatorEditsAndCancelsIt() {
        long start = Instant.now().plusSeconds(86_400).getEpochSecond();
        String id = world.api().body(Map.of("chatId", CUSTOMER, "event", Map.of("name", "Revisão do carro",
                        "description", "Traga o manual", "startTime", start, "endTime", start + 3600,
                        "location", Map.of("name", "Oficina Centro"), "joinLink", "https://call.whatsapp.com/video/Ab12Cd34Ef",
                        "extraGuestsAllowed", true)))
                .post("/events").then().statusCode(202).body("type", equalTo("event"))
                .body("event.name", equalTo("Revisão do carro")).extract().path("id");

        String waId = world.awaitSent(id);
        JsonPath card = guest.card(waId);
        assertThat(card.getString("type")).isEqualTo("event");
        assertThat(card.getList("event.problems")).as("what the phone's app checks of the event").isEmpty();
        assertThat(card.getString("event.name")).isEqualTo("Revisão do carro");
        assertThat(card.getString("event.description")).isEqualTo("Traga o manual");
        assertThat(card.getString("event.location")).isEqualTo("Oficina Centro");
        assertThat(card.getString("event.joinLink")).isEqualTo("https://call.whatsapp.com/video/Ab12Cd34Ef");
        assertThat(card.getLong("event.startTime")).isEqualTo(start);
        assertThat(card.getLong("event.endTime")).isEqualTo(start + 3600);
        assertThat(card.getBoolean("event.extraGuestsAllowed")).isTrue();

        guest.respond(waId, "GOING");
        guest.awaitAnswerShown(id, "GOING");
        guest.respond(waId, "MAYBE");
        guest.awaitAnswerShown(id, "MAYBE");
        guest.awaitAnswerAnnounced(id, "MAYBE", "Revisão do carro");

        world.api().body(Map.of("name", "Revisão do carro (novo horário)", "startTime", start + 7200, "endTime", start + 10_800))
                .patch("/events/" + id).then().statusCode(200).body("event.name", equalTo("Revisão do carro (novo horário)"))
                .body("event.description", equalTo("Traga o manual"));
        guest.awaitEditShown(waId, "Revisão do carro (novo horário)", start + 7200);
        assertThat(guest.card(waId).getString("event.description")).isEqualTo("Traga o manual");

        world.api().post("/events/" + id + "/cancel").then().statusCode(200).body("event.canceled", equalTo(true));
        guest.awaitCancelShown(waId);
        world.api().get("/messages/" + id).then().body("event.canceled", equalTo(true))
                .body("eventResponses[0].response", equalTo("MAYBE"));
    }

    @Test
    void anEventThatEndsBeforeItStartsIsRefusedWithTheField() {
        long start = Instant.now().plusSeconds(86_400).getEpochSecond();
        world.api().body(Map.of("chatId", CUSTOMER, "event", Map.of("name", "Ao contrário", "startTime", start, "endTime", start - 60)))
                .post("/events").then().statusCode(400).body("errors.field", equalTo(List.of("event.endTime")));
        world.api().body(Map.of("chatId", CUSTOMER, "event", Map.of("name", "Link qualquer", "startTime", start,
                        "joinLink", "https://example.com/meet")))
                .post("/events").then().statusCode(400).body("errors.field", equalTo(List.of("event.joinLink")));
    }
}
