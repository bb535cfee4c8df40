package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import io.kubezap.session.testing.SampleFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
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
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Group extras between the packaged pod and simulated phones: the session's group gets a picture (a centred square, as
 * members are shown it) and loses it, a participant's phone gives it another (announced, and served), turns disappearing
 * messages and join approval on (the stored list shows them, and follows a phone's change); a phone's join by link
 * becomes a request, announced to the session (an admin), that it approves (the phone is added) or rejects; the invite link is previewed before joining; the
 * session itself only asks to join a phone's group that requires approval; and a community is created with its
 * announcements group, links the session's group (not a group someone else runs; the stored list and an event follow)
 * and unlinks it. Run once per engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupExtrasIT {

    private static final String OWNER = "5511999990039";
    private static final String ANA = "5511988880039";
    private static final String BIA = "5511977770039";
    private static final String CAU = "5511966660039";
    private static final String BIA_JID = BIA + "@s.whatsapp.net";
    private static final String ANA_JID = ANA + "@s.whatsapp.net";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "group-extras-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "loja-39", BaileysBridge.environment(engine));
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
    void aGroupsPictureSettingsAndJoinRequests() throws Exception {
        String group = world.api().body(Map.of("subject", "Loja", "participants", List.of(ANA))).post("/groups")
                .then().statusCode(201).extract().path("jid");

        world.api().body(Map.of("file", Map.of("data", Base64.getEncoder().encodeToString(SampleFiles.jpeg(300, 200, 39)))))
                .put("/groups/" + group + "/picture").then().statusCode(200).body("jid", equalTo(group));
        world.control().get("/api/groups/" + group).then().body("pictureId", notNullValue());
        var picture = ImageIO.read(new ByteArrayInputStream(world.api().get("/groups/" + group + "/picture").then().statusCode(200)
                .contentType("image/jpeg").extract().asByteArray()));
        assertThat(List.of(picture.getWidth(), picture.getHeight())).isEqualTo(List.of(200, 200));
        world.api().delete("/groups/" + group + "/picture").then().statusCode(204);
        world.control().get("/api/groups/" + group).then().body("pictureId", nullValue());
        world.api().get("/groups/" + group + "/picture").then().statusCode(404);

        long beforeAnasPicture = world.lastEventId();
        byte[] anasPicture = SampleFiles.jpeg(120, 120, 40);
        world.control().body(Map.of("from", ANA, "data", Base64.getEncoder().encodeToString(anasPicture)))
                .put("/api/groups/" + group + "/picture").then().statusCode(200);
        String anasPictureId = world.control().get("/api/groups/" + group).then().extract().path("pictureId");
        assertThat(awaitEvent("group.update", group, beforeAnasPicture, payload -> ANA_JID.equals(payload.get("by"))))
                .as("a participant's phone changed the picture").extractingByKey("changes").isEqualTo(Map.of("picture", anasPictureId));
        assertThat(world.api().get("/groups/" + group + "/picture").then().statusCode(200).extract().asByteArray())
                .isEqualTo(anasPicture);

        long before = world.lastEventId();
        world.api().body(Map.of("ephemeralSeconds", 604_800, "joinApproval", true)).patch("/groups/" + group).then().statusCode(200)
                .body("ephemeralSeconds", equalTo(604_800)).body("joinApproval", equalTo(true));
        world.control().get("/api/groups/" + group).then().body("ephemeralSeconds", equalTo(604_800)).body("joinApproval", equalTo(true));
        world.api().get("/groups").then().body("items.find { it.jid == '" + group + "' }.ephemeralSeconds", equalTo(604_800))
                .body("items.find { it.jid == '" + group + "' }.joinApproval", equalTo(true));
        assertThat(awaitEvent("group.update", group, before, payload -> ((Map<?, ?>) payload.get("changes")).containsKey("joinApproval")))
                .extractingByKey("changes").isEqualTo(Map.of("joinApproval", true));
        world.api().body(Map.of("ephemeralSeconds", 3600)).patch("/groups/" + group).then().statusCode(400)
                .body("errors[0].field", equalTo("ephemeralSeconds"));
        world.control().body(Map.of("from", ANA, "ephemeralSeconds", 86_400)).patch("/api/groups/" + group).then().statusCode(200);
        await().atMost(PATIENCE).until(() -> world.api().get("/groups").jsonPath()
                .getLong("items.find { it.jid == '" + group + "' }.ephemeralSeconds"), equalTo(86_400L));

        String code = world.api().get("/groups/" + group + "/invite-link").then().statusCode(200).extract().path("code");
        world.api().queryParam("code", "https://chat.whatsapp.com/" + code).get("/groups/join-info").then().statusCode(200)
                .body("jid", equalTo(group)).body("subject", equalTo("Loja")).body("joinApproval", equalTo(true));
        world.api().queryParam("code", "nosuchcode").get("/groups/join-info").then().statusCode(404)
                .body("type", endsWith("invite-code-not-found"));

        long beforeRequests = world.lastEventId();
        world.control().body(Map.of("from", BIA, "code", code)).post("/api/groups/join").then().statusCode(200);
        world.control().body(Map.of("from", CAU, "code", code)).post("/api/groups/join").then().statusCode(200);
        assertThat(awaitEvent("group.join_request", group, beforeRequests, payload -> BIA_JID.equals(payload.get("by"))))
                .containsEntry("action", "requested").containsEntry("participants", List.of(BIA_JID))
                .containsEntry("method", "invite_link");
        world.control().get("/api/groups/" + group).then().body("participants.number", not(hasItem(BIA)))
                .body("joinRequests", equalTo(List.of(BIA, CAU)));
        world.api().get("/groups/" + group + "/join-requests").then().statusCode(200)
                .body("items.jid", equalTo(List.of(BIA_JID, CAU + "@s.whatsapp.net"))).body("items[0].requestedAt", notNullValue());

        before = world.lastEventId();
        world.api().body(Map.of("approve", List.of(BIA))).post("/groups/" + group + "/join-requests").then().statusCode(200)
                .body("items[0].jid", equalTo(BIA_JID)).body("items[0].status", equalTo("approved"));
        world.api().body(Map.of("reject", List.of(CAU, ANA))).post("/groups/" + group + "/join-requests").then().statusCode(200)
                .body("items.status", equalTo(List.of("rejected", "no-request")));
        world.control().get("/api/groups/" + group).then().body("participants.number", hasItem(BIA))
                .body("participants.number", not(hasItem(CAU))).body("joinRequests", equalTo(List.of()));
        assertThat(awaitEvent("group.participants", group, before, payload -> true)).containsEntry("action", "add")
                .containsEntry("participants", List.of(BIA_JID)).containsEntry("reason", "membership_approval");
        assertThat(awaitEvent("group.join_request", group, before, payload -> "rejected".equals(payload.get("action"))))
                .containsEntry("participants", List.of(CAU + "@s.whatsapp.net")).containsEntry("by", OWNER + "@s.whatsapp.net");

        String anasGroup = world.control().body(Map.of("from", ANA, "subject", "Fornecedores", "participants", List.of(BIA)))
                .post("/api/groups").then().statusCode(201).extract().path("group.jid");
        world.control().body(Map.of("from", ANA, "joinApproval", true)).patch("/api/groups/" + anasGroup).then().statusCode(200);
        String anasCode = world.control().body(Map.of("from", ANA)).post("/api/groups/" + anasGroup + "/invite-code")
                .then().statusCode(200).extract().path("code");
        world.api().body(Map.of("code", anasCode)).post("/groups/join").then().statusCode(202)
                .body("jid", equalTo(anasGroup)).body("status", equalTo("awaiting-approval"));
        world.control().get("/api/groups/" + anasGroup).then().body("joinRequests", equalTo(List.of(OWNER)));
    }

    @Test
    void aCommunityWithItsAnnouncementsGroupLinksAndUnlinksTheSessionsGroup() {
        String community = world.api().body(Map.of("subject", "Bairro", "description", "Lojas do bairro")).post("/communities")
                .then().statusCode(201).body("community", equalTo(true)).body("description", equalTo("Lojas do bairro"))
                .extract().path("jid");
        world.api().get("/communities/" + community + "/groups").then().statusCode(200)
                .body("items.announcementsGroup", equalTo(List.of(true)));

        String mine = world.api().body(Map.of("subject", "Loja Norte", "participants", List.of(ANA))).post("/groups")
                .then().statusCode(201).extract().path("jid");
        String anas = world.control().body(Map.of("from", ANA, "subject", "Da Ana", "participants", List.of(OWNER)))
                .post("/api/groups").then().statusCode(201).extract().path("group.jid");
        long beforeLink = world.lastEventId();
        world.api().body(Map.of("groups", List.of(mine, anas))).post("/communities/" + community + "/groups").then().statusCode(200)
                .body("items.status", equalTo(List.of("linked", "not-a-group-admin")));
        world.api().get("/groups/" + mine).then().statusCode(200).body("parent", equalTo(community));
        assertThat(awaitEvent("group.update", mine, beforeLink, payload -> true)).extractingByKey("changes")
                .isEqualTo(Map.of("parent", community));
        world.api().get("/groups").then().body("items.find { it.jid == '" + mine + "' }.parent", equalTo(community))
                .body("items.find { it.jid == '" + community + "' }.community", equalTo(true));
        world.control().get("/api/groups/" + mine).then().body("parent", equalTo(community));
        world.api().get("/communities/" + community + "/groups").then()
                .body("items.jid[1]", equalTo(mine)).body("items.subject[1]", equalTo("Loja Norte"));

        world.api().delete("/communities/" + community + "/groups/" + mine).then().statusCode(204);
        world.control().get("/api/groups/" + mine).then().body("parent", nullValue());
        await().atMost(PATIENCE).until(() -> world.api().get("/groups").jsonPath()
                .getString("items.find { it.jid == '" + mine + "' }.parent"), nullValue());
        world.api().get("/communities/" + community + "/groups").then().body("items", org.hamcrest.Matchers.hasSize(1));
        world.api().body(Map.of("groups", List.of(anas))).post("/communities/" + mine + "/groups").then().statusCode(400);
    }

    private Map<String, Object> awaitEvent(String type, String group, long afterId, java.util.function.Predicate<Map<String, Object>> matches) {
        return world.awaitGroupEvent(type, group, afterId, matches);
    }
}
