package io.kubezap.session.api;

import io.kubezap.session.db.SessionDb;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.MessageRef;
import io.kubezap.session.engine.MessageUpdate;
import io.kubezap.session.engine.OutgoingUpdate;
import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.SampleFiles;
import io.kubezap.session.testing.SimulatedWhatsApp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.kubezap.session.testing.Api.SESSION;
import static io.kubezap.session.testing.Api.authorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/** Reactions, edits, deletions and votes as the pod applies and sends them, with WhatsApp's part played by a double. */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class MessageUpdatesApiTest {

    private static final String MARIA = "5511988887777@s.whatsapp.net";
    private static final String JOAO = "5511966665555@s.whatsapp.net";

    @Inject
    SimulatedWhatsApp whatsapp;

    @Inject
    SessionDb db;

    @BeforeEach
    void connectedWithNoHistory() {
        whatsapp.resetToConnected();
        authorized().delete(SESSION + "/messages").then().statusCode(200);
    }

    @Test
    void updatesThatArriveBeforeTheirMessageAreAppliedWhenItComes() {
        Instant now = Instant.now();
        MessageRef target = new MessageRef(MARIA, "EARLY1", false, MARIA);
        whatsapp.emit(new EngineEvent.MessageUpdated("U1", target, MARIA, false, new MessageUpdate.Reaction("🔥"), now));
        whatsapp.emit(new EngineEvent.MessageUpdated("U2", target, MARIA, false, new MessageUpdate.Edit("versão nova"), now.plusSeconds(1)));

        whatsapp.receive("EARLY1", MARIA, "versão velha");

        String id = await().until(() -> authorized().get(SESSION + "/messages").then().extract()
                .<String>path("items.find { it.waMessageId == 'EARLY1' }.id"), found -> found != null);
        authorized().get(SESSION + "/messages/" + id).then().statusCode(200)
                .body("text", equalTo("versão nova"))
                .body("reactions.emoji", contains("🔥"));
        authorized().get(SESSION + "/messages/" + id + "/edits").then().body("history.text", contains("versão velha"));
        long waiting = db.read(handle -> db.query(handle,
                "select count(*) from pending_message_updates where namespace = :ns and session = :session").mapTo(Long.class).one());
        assertThat(waiting).isZero();
    }

    @Test
    void aPhotosHdOriginalMarksItHdAndItsFileIsTheOriginalEvenWhenItArrivesFirst() {
        byte[] standard = SampleFiles.jpeg(160, 120, System.nanoTime());
        byte[] original = SampleFiles.jpeg(640, 480, System.nanoTime());
        whatsapp.hdOriginal("HD-EARLY", "STD1", MARIA, MediaKind.IMAGE, original, "image/jpeg");
        whatsapp.receiveMedia("STD1", MARIA, MediaKind.IMAGE, standard, "image/jpeg", null, "A praia");

        String id = await().until(() -> authorized().get(SESSION + "/messages").then().extract()
                .<String>path("items.find { it.waMessageId == 'STD1' }.id"), found -> found != null);
        await().until(() -> Boolean.TRUE.equals(authorized().get(SESSION + "/messages/" + id).then().statusCode(200)
                .extract().path("hd")));
        authorized().get(SESSION + "/messages/" + id).then().body("text", equalTo("A praia"))
                .body("media.size", equalTo(original.length));
        byte[] served = await().atMost(Duration.ofSeconds(30)).until(() -> authorized().get(SESSION + "/messages/" + id + "/media"),
                response -> response.statusCode() == 200).asByteArray();
        assertThat(served).as("the original, not the standard copy").isEqualTo(original);
        authorized().get(SESSION + "/messages").then().body("items.findAll { it.waMessageId.startsWith('HD-') }.size()", equalTo(0));
    }

    @Test
    void onlyItsSenderCanEditOrDeleteAMessage() {
        whatsapp.receive("OWN1", MARIA, "original");
        String id = await().until(() -> authorized().get(SESSION + "/messages").then().extract()
                .<String>path("items.find { it.waMessageId == 'OWN1' }.id"), found -> found != null);
        MessageRef target = new MessageRef(MARIA, "OWN1", false, MARIA);

        whatsapp.emit(new EngineEvent.MessageUpdated("U3", target, JOAO, false, new MessageUpdate.Edit("forjado"), Instant.now()));
        whatsapp.emit(new EngineEvent.MessageUpdated("U4", target, JOAO, false, new MessageUpdate.Revoke(), Instant.now()));

        authorized().get(SESSION + "/messages/" + id).then().body("text", equalTo("original")).body("deletedAt", equalTo(null));
    }

    @Test
    void aReactionIsSentNamingTheMessageAndShownOnIt() {
        whatsapp.receive("R1", MARIA, "chegou?");
        String id = await().until(() -> authorized().get(SESSION + "/messages").then().extract()
                .<String>path("items.find { it.waMessageId == 'R1' }.id"), found -> found != null);

        authorized().contentType("application/json").body("{\"emoji\":\"👍\"}").post(SESSION + "/messages/" + id + "/reactions")
                .then().statusCode(200).body("reactions[0].emoji", equalTo("👍"));

        OutgoingUpdate sent = (OutgoingUpdate) whatsapp.delivered().getLast().message();
        assertThat(sent.target()).isEqualTo(new MessageRef(MARIA, "R1", false, MARIA));
        assertThat(sent.update()).isEqualTo(new MessageUpdate.Reaction("👍"));
        authorized().queryParam("type", "message.reaction").get(SESSION + "/events").then()
                .body("items[0].payload.messageId", equalTo(id)).body("items[0].payload.emoji", equalTo("👍"));
    }

    @Test
    void editingAfterWhatsAppsWindowIsRefusedAndNothingIsSent() {
        String id = authorized().contentType("application/json").body("{\"to\":\"" + MARIA + "\",\"text\":\"antigo\"}")
                .post(SESSION + "/messages").then().statusCode(202).extract().path("id");
        await().untilAsserted(() -> authorized().get(SESSION + "/messages/" + id).then().body("status", equalTo("sent")));
        db.useTransaction(handle -> db.update(handle, "update messages set created_at = :at where namespace = :ns and session = :session and id = :id")
                .bind("at", Instant.now().minus(Duration.ofMinutes(16))).bind("id", id).execute());
        int sends = whatsapp.delivered().size();

        authorized().contentType("application/json").body("{\"text\":\"novo\"}").patch(SESSION + "/messages/" + id)
                .then().statusCode(409).contentType("application/problem+json").body("type", endsWith("window-passed"));

        authorized().get(SESSION + "/messages/" + id).then().body("text", equalTo("antigo")).body("editedAt", equalTo(null));
        assertThat(whatsapp.delivered()).hasSize(sends);
    }

    @Test
    void aLocationRepeatedWithItsIdempotencyKeyIsSentOnceAndAnotherPlaceUnderTheKeyIsRefused() {
        String body = "{\"to\":\"" + MARIA + "\",\"type\":\"location\",\"location\":{\"latitude\":-22.9519,\"longitude\":-43.2105,\"name\":\"Cristo\"}}";
        String first = authorized().contentType("application/json").header("Idempotency-Key", "loc-1").body(body)
                .post(SESSION + "/messages").then().statusCode(202).body("location.name", equalTo("Cristo")).extract().path("id");
        authorized().contentType("application/json").header("Idempotency-Key", "loc-1").body(body)
                .post(SESSION + "/messages").then().statusCode(202).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        authorized().contentType("application/json").header("Idempotency-Key", "loc-1").body(body.replace("Cristo", "Pão de Açúcar"))
                .post(SESSION + "/messages").then().statusCode(422);

        await().untilAsserted(() -> authorized().get(SESSION + "/messages/" + first).then().body("status", equalTo("sent")));
        assertThat(whatsapp.delivered()).filteredOn(sent -> sent.message() instanceof io.kubezap.session.engine.OutgoingContent)
                .singleElement().satisfies(sent -> assertThat(((io.kubezap.session.engine.OutgoingContent) sent.message()).content())
                        .isEqualTo(new io.kubezap.session.engine.MessageContent.Location(-22.9519, -43.2105, "Cristo", null)));
    }

    @Test
    void aMessageThatIsNotAPollHasNoResults() {
        whatsapp.receive("P1", MARIA, "texto");
        String id = await().until(() -> authorized().get(SESSION + "/messages").then().extract()
                .<String>path("items.find { it.waMessageId == 'P1' }.id"), found -> found != null);
        authorized().get(SESSION + "/messages/" + id + "/poll").then().statusCode(404);
        authorized().contentType("application/json").body("{}").post(SESSION + "/messages/" + id + "/reactions").then().statusCode(400);
    }
}
