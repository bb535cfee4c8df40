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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Groups between the packaged pod and simulated phones: the session creates a group with two phones (the simulator's
 * group server then holds all three), promotes one; that admin phone removes the session (the session is then refused
 * as a non-member) and adds it back; the session, now a plain member, is refused an admin action (403); it leaves.
 * And what the session hears of a group a phone runs: each change an event naming who did it, the stored groups
 * ({@code GET /groups}) following, invite links, and all of it kept across a pod restart. Run once per engine; the
 * session's own group requests also in a group WhatsApp addresses by its members' LIDs ({@link Addressing}: members
 * named by number with the LID beside, added, promoted and removed by number or by LID).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupsIT {

    private static final String OWNER = "5511999990014";
    private static final String ANA = "5511988880014";
    private static final String BIA = "5511977770014";
    private static final String OWNER_JID = OWNER + "@s.whatsapp.net";
    private static final String ANA_JID = ANA + "@s.whatsapp.net";
    private static final String BIA_JID = BIA + "@s.whatsapp.net";
    private static final String CAU = "5511966660014";
    private static final String DUDA = "5511955550014";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "groups-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "loja-14", BaileysBridge.environment(engine));
        world.createPhone(BIA, "Bia");
        world.startLinked(OWNER, ANA);
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void theSessionAdministersAGroupWithTwoPhonesAndIsHeldToItsRole() {
        String group = world.api().body(Map.of("subject", "Equipe", "participants", List.of("+55 11 98888-0014", BIA_JID)))
                .post("/groups").then().statusCode(201)
                .body("subject", equalTo("Equipe"))
                .body("participants.jid", containsInAnyOrder(OWNER_JID, ANA_JID, BIA_JID))
                .body("participants.find { it.jid == '" + OWNER_JID + "' }.role", equalTo("superadmin"))
                .extract().path("jid");
        world.control().get("/api/groups/" + group).then().statusCode(200)
                .body("subject", equalTo("Equipe")).body("participants.number", containsInAnyOrder(OWNER, ANA, BIA));

        world.api().body(Map.of("promote", List.of(ANA), "ignored", List.of())).post("/groups/" + group + "/participants")
                .then().statusCode(200).body("items[0].jid", equalTo(ANA_JID)).body("items[0].status", equalTo("promoted"));
        world.api().body(Map.of("add", List.of(BIA, "5511900000000"))).post("/groups/" + group + "/participants")
                .then().statusCode(200).body("items.status", equalTo(List.of("already-in-group", "not-on-whatsapp")));

        world.api().body(Map.of("description", "Metas da semana", "announce", true)).patch("/groups/" + group).then().statusCode(200)
                .body("description", equalTo("Metas da semana")).body("announce", equalTo(true)).body("locked", equalTo(false));
        world.control().get("/api/groups/" + group).then().body("description", equalTo("Metas da semana")).body("announce", equalTo(true));

        world.control().body(Map.of("from", ANA, "subject", "Equipe de vendas")).patch("/api/groups/" + group).then().statusCode(200);
        world.api().get("/groups/" + group).then().statusCode(200).body("subject", equalTo("Equipe de vendas"));

        world.control().body(Map.of("from", ANA, "action", "remove", "participants", List.of(OWNER)))
                .post("/api/groups/" + group + "/participants").then().statusCode(200);
        world.api().get("/groups/" + group).then().statusCode(404)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("not-a-group-member"));
        world.control().body(Map.of("from", ANA, "action", "add", "participants", List.of(OWNER)))
                .post("/api/groups/" + group + "/participants").then().statusCode(200);
        world.api().get("/groups/" + group).then().statusCode(200)
                .body("participants.find { it.jid == '" + OWNER_JID + "' }.role", equalTo("member"));

        world.api().body(Map.of("remove", List.of(BIA))).post("/groups/" + group + "/participants").then().statusCode(403)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("not-a-group-admin"));
        world.api().body(Map.of("locked", true)).patch("/groups/" + group).then().statusCode(403);
        world.control().get("/api/groups/" + group).then().body("participants.number", hasItem(BIA));

        world.api().get("/groups/" + OWNER_JID).then().statusCode(400).contentType("application/problem+json");

        world.api().post("/groups/" + group + "/leave").then().statusCode(204);
        world.control().get("/api/groups/" + group).then().body("participants.number", not(hasItem(OWNER)));
    }

    @Test
    void theSessionAdministersALidAddressedGroupByNumberOrByLid() {
        world.createPhone(DUDA, "Duda");
        String dudaJid = DUDA + "@s.whatsapp.net";
        String ana = world.lidOf(ANA);
        String bia = world.lidOf(BIA);
        String duda = world.lidOf(DUDA);
        String group = world.control().body(Map.of("from", ANA, "subject", "Equipe LID", "participants", List.of(OWNER, BIA),
                "addressingMode", "lid")).post("/api/groups").then().statusCode(201).extract().path("group.jid");
        world.control().body(Map.of("from", ANA, "action", "promote", "participants", List.of(OWNER)))
                .post("/api/groups/" + group + "/participants").then().statusCode(200);

        await().atMost(PodAgainstSimulator.PATIENCE).ignoreExceptions().untilAsserted(() -> world.api().get("/groups/" + group)
                .then().statusCode(200)
                .body("participants.find { it.jid == '" + OWNER_JID + "' }.role", equalTo("admin")));
        world.api().get("/groups/" + group).then().statusCode(200)
                .body("participants.jid", containsInAnyOrder(OWNER_JID, ANA_JID, BIA_JID))
                .body("participants.find { it.jid == '" + ANA_JID + "' }.lid", equalTo(ana))
                .body("participants.find { it.jid == '" + BIA_JID + "' }.lid", equalTo(bia))
                .body("participants.find { it.jid == '" + BIA_JID + "' }.phoneNumber", equalTo(BIA))
                .body("owner", equalTo(ANA_JID));

        world.api().body(Map.of("add", List.of(DUDA))).post("/groups/" + group + "/participants")
                .then().statusCode(200).body("items[0].jid", equalTo(dudaJid)).body("items[0].status", equalTo("added"));
        world.api().body(Map.of("promote", List.of(duda))).post("/groups/" + group + "/participants")
                .then().statusCode(200).body("items[0].jid", equalTo(dudaJid)).body("items[0].status", equalTo("promoted"));
        world.api().body(Map.of("remove", List.of(bia))).post("/groups/" + group + "/participants")
                .then().statusCode(200).body("items[0].jid", equalTo(BIA_JID)).body("items[0].status", equalTo("removed"));
        world.control().get("/api/groups/" + group).then().statusCode(200)
                .body("participants.number", containsInAnyOrder(OWNER, ANA, DUDA))
                .body("participants.find { it.number == '" + DUDA + "' }.role", equalTo("admin"));
        world.api().get("/groups/" + group).then().statusCode(200)
                .body("participants.jid", containsInAnyOrder(OWNER_JID, ANA_JID, dudaJid))
                .body("participants.find { it.jid == '" + dudaJid + "' }.lid", equalTo(duda));

        world.api().body(Map.of("subject", "Equipe LID Sul", "description", "Por LID")).patch("/groups/" + group).then().statusCode(200)
                .body("subject", equalTo("Equipe LID Sul")).body("description", equalTo("Por LID"));
        world.control().get("/api/groups/" + group).then().body("subject", equalTo("Equipe LID Sul"))
                .body("description", equalTo("Por LID"));

        String post = world.api().body(Map.of("to", group, "text", "Bem-vinda, Duda")).post("/messages").then().statusCode(202)
                .extract().path("id");
        String waId = world.awaitSent(post);
        for (String member : List.of(ANA, DUDA)) {
            assertThat(world.awaitAtPhone(member, waId)).containsEntry("text", "Bem-vinda, Duda").containsEntry("group", group);
        }
        assertThat(world.atPhone(BIA, waId)).as("a removed member gets no more of the group's posts").isEmpty();

        world.api().post("/groups/" + group + "/leave").then().statusCode(204);
        world.control().get("/api/groups/" + group).then().body("participants.number", not(hasItem(OWNER)));
    }

    @Test
    void whatAnAdminPhoneDoesInItsGroupIsAnEventNamingItAndTheStoredGroupsFollow() throws Exception {
        world.awaitPhase("Connected");
        world.createPhone(CAU, "Cau");
        String group = world.control().body(Map.of("from", ANA, "subject", "Loja Centro", "participants", List.of(OWNER, BIA)))
                .post("/api/groups").then().statusCode(201).extract().path("group.jid");

        var joined = awaitEvent("group.joined", group, 0);
        assertThat(joined).containsEntry("by", ANA_JID).containsEntry("reason", "created");
        var listed = awaitListed(group);
        assertThat(world.api().queryParam("limit", 200).get("/contacts").then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("items")).as("the group's participants are contacts the session knows")
                .anySatisfy(contact -> assertThat(contact).containsEntry("jid", ANA_JID).containsEntry("phoneNumber", ANA))
                .anySatisfy(contact -> assertThat(contact).containsEntry("jid", BIA_JID).containsEntry("phoneNumber", BIA))
                .noneSatisfy(contact -> assertThat(contact).containsEntry("jid", OWNER_JID));
        assertThat(listed).containsEntry("subject", "Loja Centro").containsEntry("owner", ANA_JID).containsEntry("size", 3)
                .containsEntry("myRole", "member").containsEntry("announce", false).containsEntry("locked", false);

        long before = world.lastEventId();
        world.control().body(Map.of("from", ANA, "action", "remove", "participants", List.of(OWNER)))
                .post("/api/groups/" + group + "/participants").then().statusCode(200);
        assertThat(awaitEvent("group.participants", group, before)).containsEntry("action", "remove")
                .containsEntry("participants", List.of(OWNER_JID)).containsEntry("by", ANA_JID);
        assertThat(awaitEvent("group.left", group, before)).containsEntry("reason", "removed").containsEntry("by", ANA_JID);
        await().atMost(PodAgainstSimulator.PATIENCE).until(() -> listed(group).isEmpty());

        before = world.lastEventId();
        world.control().body(Map.of("from", ANA, "action", "add", "participants", List.of(OWNER)))
                .post("/api/groups/" + group + "/participants").then().statusCode(200);
        assertThat(awaitEvent("group.participants", group, before)).containsEntry("action", "add").containsEntry("by", ANA_JID);
        assertThat(awaitEvent("group.joined", group, before)).containsEntry("reason", "added").containsEntry("by", ANA_JID);
        awaitListed(group);

        before = world.lastEventId();
        world.control().body(Map.of("from", ANA, "subject", "Loja Centro Sul")).patch("/api/groups/" + group).then().statusCode(200);
        var update = awaitEvent("group.update", group, before);
        assertThat(update).containsEntry("by", ANA_JID).containsEntry("changes", Map.of("subject", "Loja Centro Sul"));
        await().atMost(PodAgainstSimulator.PATIENCE).until(() -> listed(group).map(g -> g.get("subject")).orElse(""),
                equalTo("Loja Centro Sul"));

        world.api().get("/groups/" + group + "/invite-link").then().statusCode(403)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("not-a-group-admin"));
        world.api().post("/groups/" + group + "/invite-link/revoke").then().statusCode(403);
        world.api().get("/groups/" + OWNER_JID + "/invite-link").then().statusCode(400).contentType("application/problem+json");

        before = world.lastEventId();
        world.control().body(Map.of("from", ANA, "action", "promote", "participants", List.of(OWNER)))
                .post("/api/groups/" + group + "/participants").then().statusCode(200);
        assertThat(awaitEvent("group.participants", group, before)).containsEntry("action", "promote");
        await().atMost(PodAgainstSimulator.PATIENCE).until(() -> listed(group).map(g -> g.get("myRole")).orElse(""), equalTo("admin"));

        String code = world.api().get("/groups/" + group + "/invite-link").then().statusCode(200)
                .body("link", startsWith("https://chat.whatsapp.com/")).extract().path("code");
        before = world.lastEventId();
        world.control().body(Map.of("from", CAU, "code", code)).post("/api/groups/join").then().statusCode(200);
        assertThat(awaitEvent("group.participants", group, before)).containsEntry("action", "add").containsEntry("reason", "invite")
                .containsEntry("by", CAU + "@s.whatsapp.net");
        String newCode = world.api().post("/groups/" + group + "/invite-link/revoke").then().statusCode(200).extract().path("code");
        assertThat(newCode).isNotEqualTo(code);
        world.api().body(Map.of("code", code)).post("/groups/join").then().statusCode(410)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("invite-code-revoked"));
        world.api().body(Map.of("code", newCode)).post("/groups/join").then().statusCode(409)
                .body("type", org.hamcrest.Matchers.endsWith("already-a-group-member"));
        world.api().body(Map.of("code", "no such code!")).post("/groups/join").then().statusCode(400);

        before = world.lastEventId();
        world.api().post("/groups/" + group + "/leave").then().statusCode(204);
        assertThat(awaitEvent("group.left", group, before)).containsEntry("reason", "left").containsEntry("by", OWNER_JID);
        assertThat(listed(group)).isEmpty();
        world.api().get("/groups/" + group + "/invite-link").then().statusCode(404)
                .body("type", org.hamcrest.Matchers.endsWith("not-a-group-member"));

        String again = world.control().body(Map.of("from", ANA)).post("/api/groups/" + group + "/invite-code")
                .then().statusCode(200).extract().path("code");
        world.api().body(Map.of("code", "https://chat.whatsapp.com/" + again)).post("/groups/join").then().statusCode(200)
                .body("jid", equalTo(group)).body("subject", equalTo("Loja Centro Sul"));
        assertThat(awaitEvent("group.joined", group, before)).containsEntry("reason", "invite").containsEntry("by", OWNER_JID);
        assertThat(awaitListed(group)).containsEntry("myRole", "member").containsEntry("size", 4);

        world.restartPod();
        world.awaitPhase("Connected");
        assertThat(listed(group)).get().satisfies(kept -> assertThat(kept).containsEntry("subject", "Loja Centro Sul"));
        before = world.lastEventId();
        world.control().body(Map.of("from", ANA, "subject", "Loja Centro Norte")).patch("/api/groups/" + group).then().statusCode(200);
        assertThat(awaitEvent("group.update", group, before)).containsEntry("by", ANA_JID);
        await().atMost(PodAgainstSimulator.PATIENCE).until(() -> listed(group).map(g -> g.get("subject")).orElse(""),
                equalTo("Loja Centro Norte"));
    }

    /** The first event of {@code type} about {@code group} after event {@code afterId}, once it is recorded. */
    private Map<String, Object> awaitEvent(String type, String group, long afterId) {
        return await().atMost(PodAgainstSimulator.PATIENCE).pollInterval(Duration.ofMillis(300))
                .until(() -> world.eventsAfter(type, afterId).stream().map(PodAgainstSimulator::payload)
                        .filter(payload -> group.equals(payload.get("group"))).reduce((newer, older) -> older), Optional::isPresent)
                .orElseThrow();
    }

    private Map<String, Object> awaitListed(String group) {
        return await().atMost(PodAgainstSimulator.PATIENCE).until(() -> listed(group), Optional::isPresent).orElseThrow();
    }

    /** The group as GET /groups lists it, if it does. */
    private Optional<Map<String, Object>> listed(String group) {
        return world.api().queryParam("limit", 100).get("/groups").then().statusCode(200).extract().jsonPath()
                .<Map<String, Object>>getList("items").stream().filter(item -> group.equals(item.get("jid"))).findFirst();
    }
}
