package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import io.kubezap.session.testing.SampleMedia;
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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Group and account settings the peers expose, between the packaged pod and simulated phones, whose server holds
 * everyone to them: who may add members ({@code memberAddMode}): in the session's group a plain member's phone is
 * refused an add until the session lets every member add (the change announced); in a phone's group the session, a
 * plain member, is refused an add until that phone lets every member add. A voice note marked played shows played on
 * its writer's phone; nothing else is played. Run once per engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeerSettingsIT {

    private static final String OWNER = "5511999990071";
    private static final String ANA = "5511988880071";
    private static final String BIA = "5511977770071";
    private static final String CAU = "5511966660071";
    private static final String ANA_JID = ANA + "@s.whatsapp.net";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "peer-settings-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "loja-71", BaileysBridge.environment(engine));
        world.createPhone(BIA, "Bia");
        world.createPhone(CAU, "Cau");
        world.startLinked(OWNER, ANA);
        world.awaitPhase("Connected");
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void onlyAdminsAddMembersUntilEveryMemberMay() {
        String group = world.api().body(Map.of("subject", "Loja", "participants", List.of(ANA))).post("/groups")
                .then().statusCode(201).body("memberAddMode", equalTo("admin_add")).extract().path("jid");
        world.control().body(Map.of("from", ANA, "action", "add", "participants", List.of(BIA)))
                .post("/api/groups/" + group + "/participants").then().statusCode(403);

        long before = world.lastEventId();
        world.api().body(Map.of("memberAddMode", "all_member_add")).patch("/groups/" + group).then().statusCode(200)
                .body("memberAddMode", equalTo("all_member_add"));
        world.control().get("/api/groups/" + group).then().body("memberAddMode", equalTo("all_member_add"));
        world.control().body(Map.of("from", ANA, "action", "add", "participants", List.of(BIA)))
                .post("/api/groups/" + group + "/participants").then().statusCode(200);
        world.api().get("/groups/" + group).then().statusCode(200).body("participants.jid", hasItem(BIA + "@s.whatsapp.net"));
        assertThat(awaitEvent(group, before, payload -> ((Map<?, ?>) payload.get("changes")).containsKey("memberAddMode")))
                .extractingByKey("changes").isEqualTo(Map.of("memberAddMode", "all_member_add"));

        world.api().body(Map.of("memberAddMode", "everyone")).patch("/groups/" + group).then().statusCode(400)
                .body("errors[0].field", equalTo("memberAddMode"));

        String anas = world.control().body(Map.of("from", ANA, "subject", "Da Ana", "participants", List.of(OWNER)))
                .post("/api/groups").then().statusCode(201).extract().path("group.jid");
        world.api().body(Map.of("add", List.of(CAU))).post("/groups/" + anas + "/participants").then().statusCode(403)
                .contentType("application/problem+json").body("type", endsWith("not-a-group-admin"));
        world.control().get("/api/groups/" + anas).then().body("participants.number", not(hasItem(CAU)));
        long beforeAnas = world.lastEventId();
        world.control().body(Map.of("from", ANA, "memberAddMode", "all_member_add")).patch("/api/groups/" + anas).then().statusCode(200);
        assertThat(awaitEvent(anas, beforeAnas, payload -> ANA_JID.equals(payload.get("by"))))
                .extractingByKey("changes").isEqualTo(Map.of("memberAddMode", "all_member_add"));
        world.api().get("/groups/" + anas).then().statusCode(200).body("memberAddMode", equalTo("all_member_add"));
        world.api().body(Map.of("add", List.of(CAU))).post("/groups/" + anas + "/participants").then().statusCode(200)
                .body("items[0].status", equalTo("added"));
        world.control().get("/api/groups/" + anas).then().body("participants.number", hasItem(CAU));
    }

    @Test
    void aVoiceNoteMarkedPlayedShowsPlayedOnItsWritersPhone() {
        String voiceWaId = world.control().body(Map.of("to", OWNER, "type", "voice", "media", Map.of(
                        "data", Base64.getEncoder().encodeToString(SampleMedia.oggOpus(2)), "mimeType", "audio/ogg; codecs=opus",
                        "seconds", 2)))
                .post("/api/phones/" + ANA + "/messages").then().statusCode(202).extract().path("id");
        String voiceId = (String) world.awaitIncoming(voiceWaId).get("id");
        assertThat(sentStatus(voiceWaId)).as("not played yet").isNotEqualTo("played");

        world.api().post("/messages/" + voiceId + "/played").then().statusCode(200).body("status", equalTo("played"));
        await().atMost(PATIENCE).until(() -> sentStatus(voiceWaId), equalTo("played"));
        world.api().get("/messages/" + voiceId).then().body("status", equalTo("played"));

        String textWaId = world.control().body(Map.of("to", OWNER, "text", "Oi")).post("/api/phones/" + ANA + "/messages")
                .then().statusCode(202).extract().path("id");
        String textId = (String) world.awaitIncoming(textWaId).get("id");
        world.api().post("/messages/" + textId + "/played").then().statusCode(409)
                .body("type", endsWith("not-a-received-voice-note"));
        world.api().post("/messages/nosuchmessage/played").then().statusCode(404);
    }

    /** The ticks Ana's phone shows on a message it sent. */
    private String sentStatus(String waId) {
        return world.control().get("/api/phones/" + ANA + "/sent").jsonPath().getString("find { it.id == '" + waId + "' }.status");
    }

    private Map<String, Object> awaitEvent(String group, long afterId, java.util.function.Predicate<Map<String, Object>> matches) {
        return world.awaitGroupEvent("group.update", group, afterId, matches);
    }
}
