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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static io.kubezap.session.testing.SampleFiles.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * A stranger's phone sends what PostgreSQL cannot store in text (NUL, U+0000) — in a text, a caption, its push name, a
 * group's subject and description — and the owner saves a contact under such a name. The packaged pod has
 * acknowledged all of it to WhatsApp, so it must keep all of it: each message is stored and announced with U+FFFD in
 * place of NUL, a message's text as sent stays readable (base64), and the names are kept the same way.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnstorableCharactersIT {

    private static final String OWNER = "5511999990071";
    private static final String STRANGER = "5511988880072";
    private static final String ANA = "5511977770073";
    private static final String STRANGER_JID = STRANGER + "@s.whatsapp.net";

    @Parameter
    EngineKind engine;

    private Path workDir;

    private PodAgainstSimulator world;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        workDir = Files.createTempDirectory(Path.of("target"), "unstorable-characters-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "loja-71", BaileysBridge.environment(engine));
        world.createPhone(OWNER, "Loja");
        world.createPhone(STRANGER, "Estra\u0000nho");
        world.createPhone(ANA, "Ana");
        world.startPod();
        world.scanCurrentQr(OWNER);
        world.awaitPhase("Connected");
        // the phone shares its app-state key together with the first history sync, which names the account: a contact
        // saved before that key arrived is not pulled again by Cobalt 0.0.10 (the contact test ran first and failed so)
        await().atMost(PATIENCE).until(() -> world.state().getString("account.pushName"), equalTo("Loja"));
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void aTextAndACaptionWithNulFromAStrangerWithNulInItsNameAreKeptAndAnnounced() {
        long before = world.lastEventId();
        String text = world.control().body(Map.of("to", OWNER, "text", "oi\u0000tudo bem?"))
                .post("/api/phones/" + STRANGER + "/messages").then().statusCode(202).extract().<String>path("id");
        String image = world.control().body(Map.of("to", OWNER, "type", "image", "caption", "foto\u0000legal",
                        "media", Map.of("data", Base64.getEncoder().encodeToString(png(32, 24, 7)), "mimeType", "image/png")))
                .post("/api/phones/" + STRANGER + "/messages").then().statusCode(202).extract().<String>path("id");

        Map<String, Object> storedText = awaitStored(STRANGER_JID, text);
        assertThat(storedText).containsEntry("text", "oi\uFFFDtudo bem?").containsEntry("pushName", "Estra\uFFFDnho");
        assertThat(decoded(storedText.get("rawText"))).isEqualTo("oi\u0000tudo bem?");
        Map<String, Object> storedImage = awaitStored(STRANGER_JID, image);
        assertThat(storedImage).containsEntry("text", "foto\uFFFDlegal");
        assertThat(decoded(storedImage.get("rawText"))).isEqualTo("foto\u0000legal");

        List<Map<String, Object>> announced = world.eventsAfter("message.received", before).stream()
                .map(PodAgainstSimulator::payload).toList();
        assertThat(announced).extracting(payload -> payload.get("waMessageId")).containsExactlyInAnyOrder(text, image);
        assertThat(announced).extracting(payload -> payload.get("text")).containsExactlyInAnyOrder("oi\uFFFDtudo bem?", "foto\uFFFDlegal");
        assertThat(contact(STRANGER_JID)).containsEntry("pushName", "Estra\uFFFDnho");
    }

    @Test
    void aGroupWhoseSubjectAndDescriptionHoldNulIsKeptAndItsPostsStored() {
        String group = world.control().body(Map.of("from", ANA, "subject", "Equi\u0000pe", "participants", List.of(OWNER, STRANGER)))
                .post("/api/groups").then().statusCode(201).extract().path("group.jid");
        world.control().body(Map.of("from", ANA, "description", "sobre\u0000nós")).patch("/api/groups/" + group)
                .then().statusCode(200);
        String posted = world.control().body(Map.of("from", STRANGER, "text", "bom\u0000dia"))
                .post("/api/groups/" + group + "/messages").then().statusCode(201).extract().<String>path("id");

        assertThat(awaitStored(group, posted)).containsEntry("text", "bom\uFFFDdia").containsEntry("pushName", "Estra\uFFFDnho");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(storedGroup(group))
                .containsEntry("subject", "Equi\uFFFDpe").containsEntry("description", "sobre\uFFFDnós"));
        // Cobalt hands each group notification over on its own thread: the description's may be stored before the
        // creation's event is written (CI, load 7+, saw the group complete and no group.joined yet)
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(world.events("group.joined"))
                .extracting(PodAgainstSimulator::payload).anySatisfy(payload -> assertThat(payload).containsEntry("group", group)));
    }

    @Test
    void aContactTheOwnerSavedUnderANameWithNulIsKept() {
        world.control().body(Map.of("fullName", "Ana\u0000Maria", "firstName", "Ana")).put("/api/phones/" + OWNER + "/contacts/" + ANA)
                .then().statusCode(200);

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(contact(ANA + "@s.whatsapp.net"))
                .containsEntry("name", "Ana\uFFFDMaria"));
    }

    private Map<String, Object> awaitStored(String chat, String waId) {
        return await().atMost(PATIENCE).until(() -> world.api().queryParam("chat", chat).get("/messages")
                .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items").stream()
                .filter(message -> waId.equals(message.get("waMessageId"))).findFirst(), Optional::isPresent).orElseThrow();
    }

    private Map<String, Object> storedGroup(String jid) {
        return world.api().queryParam("limit", 200).get("/groups").then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("items").stream().filter(g -> jid.equals(g.get("jid"))).findFirst()
                .orElseThrow(() -> new AssertionError("no group " + jid));
    }

    private Map<String, Object> contact(String jid) {
        return world.api().queryParam("q", jid.substring(0, jid.indexOf('@'))).get("/contacts").then().statusCode(200)
                .extract().jsonPath().<Map<String, Object>>getList("items").stream().filter(c -> jid.equals(c.get("jid")))
                .findFirst().orElseThrow(() -> new AssertionError("no contact " + jid));
    }

    private static String decoded(Object base64) {
        assertThat(base64).as("the text as it came, in base64").isInstanceOf(String.class);
        return new String(Base64.getDecoder().decode((String) base64), StandardCharsets.UTF_8);
    }
}
