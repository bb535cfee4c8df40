package io.kubezap.session.api;

import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.GroupChange;
import io.kubezap.session.engine.GroupInfo;
import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.group.GroupSync;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.SampleFiles;
import io.kubezap.session.testing.SimulatedWhatsApp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static io.kubezap.session.testing.Api.SESSION;
import static io.kubezap.session.testing.Api.authorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * NUL (U+0000), which PostgreSQL cannot store in text or jsonb, in what strangers send: the message, its event and the
 * names it carries are kept with U+FFFD in its place, and a message's text as it came is still there (base64).
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class UnstorableCharactersApiTest {

    private static final String STRANGER = "5511955550100@s.whatsapp.net";
    private static final String ME = SimulatedWhatsApp.ACCOUNT.jid();

    @Inject
    SimulatedWhatsApp whatsapp;

    @Inject
    GroupSync groups;

    @BeforeEach
    void connected() {
        whatsapp.resetToConnected();
    }

    @Test
    void aTextAndAPushNameWithNulAreKeptReplacedAndTheTextAsSentStaysReadable() {
        whatsapp.emit(new EngineEvent.MessageReceived(new EngineEvent.IncomingMessage("WA-NUL-TEXT", STRANGER, STRANGER,
                "Jo\u0000ão", new MessageContent.Text("oi\u0000tudo bem?"), null, List.of(), Instant.now())));

        JsonPath message = awaitMessage("WA-NUL-TEXT");
        assertThat(message.getString("text")).isEqualTo("oi\uFFFDtudo bem?");
        assertThat(message.getString("pushName")).isEqualTo("Jo\uFFFDão");
        assertThat(decoded(message.getString("rawText"))).isEqualTo("oi\u0000tudo bem?");
        assertThat(receivedEvent("WA-NUL-TEXT")).containsEntry("text", "oi\uFFFDtudo bem?")
                .containsEntry("rawText", message.getString("rawText"));
        assertThat(contact(STRANGER).get("pushName")).isEqualTo("Jo\uFFFDão");
    }

    @Test
    void aCaptionWithNulIsKept() {
        whatsapp.receiveMedia("WA-NUL-CAPTION", STRANGER, MediaKind.IMAGE, SampleFiles.png(8, 8, 1), "image/png", null, "foto\u0000");

        JsonPath message = awaitMessage("WA-NUL-CAPTION");
        assertThat(message.getString("text")).isEqualTo("foto\uFFFD");
        assertThat(message.getString("media.caption")).isEqualTo("foto\uFFFD");
        assertThat(decoded(message.getString("rawText"))).isEqualTo("foto\u0000");
    }

    @Test
    void aMessageWithoutNulHasNoRawText() {
        whatsapp.receive("WA-PLAIN", STRANGER, "nada de estranho");

        assertThat(awaitMessage("WA-PLAIN").getString("rawText")).isNull();
        assertThat(awaitMessage("WA-PLAIN").getMap("$")).doesNotContainKey("rawText");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aGroupWhoseSubjectAndDescriptionHoldNulIsKeptAndItsRenamingAnnounced() {
        String group = "120363000000000777@g.us";
        groups.store(new GroupInfo(group, "Equi\u0000pe", "sobre\u0000nós", STRANGER, false, false, List.of(
                new GroupInfo.Participant(STRANGER, "superadmin"), new GroupInfo.Participant(ME, "member"))));
        whatsapp.emit(new EngineEvent.GroupNotified("N-NUL", group, STRANGER, Instant.now(),
                List.of(new GroupChange.Subject("Nova\u0000equipe"))));

        Map<String, Object> stored = authorized().queryParam("limit", 200).get(SESSION + "/groups").then().statusCode(200)
                .extract().jsonPath().<Map<String, Object>>getList("items").stream()
                .filter(g -> group.equals(g.get("jid"))).findFirst().orElseThrow();
        assertThat(stored).containsEntry("subject", "Equi\uFFFDpe").containsEntry("description", "sobre\uFFFDnós");
        assertThat((Map<String, Object>) await().atMost(Duration.ofSeconds(20)).until(() -> authorized().queryParam("type", "group.update")
                .get(SESSION + "/events").then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("items.payload").stream().filter(p -> group.equals(p.get("group"))).findFirst(),
                java.util.Optional::isPresent).orElseThrow().get("changes")).containsEntry("subject", "Nova\uFFFDequipe");
    }

    @Test
    void savedAndBusinessNamesWithNulAreKept() {
        String saved = "5511955550101@s.whatsapp.net";
        whatsapp.emit(new EngineEvent.ContactSaved(saved, "Ana\u0000Maria", "Ana\u0000"));
        whatsapp.emit(new EngineEvent.BusinessNameSeen(saved, "Padaria\u0000Sol"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(contact(saved)).containsEntry("name", "Ana\uFFFDMaria").containsEntry("businessName", "Padaria\uFFFDSol");
        });
    }

    private static JsonPath awaitMessage(String waId) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> authorized().queryParam("limit", 200).get(SESSION + "/messages")
                        .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items").stream()
                        .filter(m -> waId.equals(m.get("waMessageId"))).findFirst(), java.util.Optional::isPresent)
                .map(m -> authorized().get(SESSION + "/messages/" + m.get("id")).then().statusCode(200).extract().jsonPath())
                .orElseThrow();
    }

    /** The contact as {@code GET /contacts} lists it (its profile page asks WhatsApp, which is not here). */
    private static Map<String, Object> contact(String jid) {
        return authorized().queryParam("q", jid.substring(0, jid.indexOf('@'))).get(SESSION + "/contacts").then().statusCode(200)
                .extract().jsonPath().<Map<String, Object>>getList("items").stream().filter(c -> jid.equals(c.get("jid")))
                .findFirst().orElseThrow(() -> new AssertionError("no contact " + jid));
    }

    private static Map<String, Object> receivedEvent(String waId) {
        return authorized().queryParam("type", "message.received").queryParam("limit", 200).get(SESSION + "/events")
                .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items.payload").stream()
                .filter(payload -> waId.equals(payload.get("waMessageId"))).findFirst().orElseThrow();
    }

    private static String decoded(String base64) {
        assertThat(base64).as("the text as it came, in base64").isNotNull();
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
