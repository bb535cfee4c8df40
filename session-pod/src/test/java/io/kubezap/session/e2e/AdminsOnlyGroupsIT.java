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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

/**
 * Groups a phone restricted to its admins, between the packaged pod and simulated phones whose server holds the session
 * to them as WhatsApp does: in a group where only admins send, the session's text (it is a plain member) is refused by
 * the server and ends failed at once, its reason saying so, announced as {@code message.failed}, and no member gets it;
 * once every member may send again, its next text goes through. In a group whose info only admins edit, the session's
 * change of subject or description is refused with a 403 problem that says so, and the group keeps its subject. Run once
 * per engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminsOnlyGroupsIT {

    private static final String OWNER = "5511999990072";
    private static final String ANA = "5511988880072";
    private static final String BIA = "5511977770072";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "admins-only-groups-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "loja-72", BaileysBridge.environment(engine));
        world.createPhone(BIA, "Bia");
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
    void aPlainMembersTextToAGroupWhereOnlyAdminsSendFails() {
        String group = anasGroup("Avisos");
        world.control().body(Map.of("from", ANA, "announce", true)).patch("/api/groups/" + group).then().statusCode(200);
        await().atMost(PATIENCE).until(() -> world.api().get("/groups/" + group).jsonPath().getBoolean("announce"));

        long before = world.lastEventId();
        String refused = send(group, "Posso avisar também?");
        JsonPath failed = await().atMost(PATIENCE).until(() -> world.api().get("/messages/" + refused).then().statusCode(200)
                .extract().jsonPath(), message -> !List.of("queued", "sending").contains(message.getString("status")));
        assertThat(failed.getString("status")).as("refused by WhatsApp, not sent").isEqualTo("failed");
        assertThat(failed.getString("failureReason")).as("the reason the user reads")
                .startsWith("group-admins-only").contains("only admins can send to this group").doesNotContain("gave up after");
        var announced = world.eventsAfter("message.failed", before).stream().map(PodAgainstSimulator::payload).toList();
        assertThat(announced).singleElement().satisfies(payload -> assertThat(String.valueOf(payload.get("failureReason")))
                .contains("only admins can send to this group"));
        assertThat(world.control().get("/api/phones/" + BIA + "/messages").jsonPath().getList("text", String.class))
                .doesNotContain("Posso avisar também?");

        world.control().body(Map.of("from", ANA, "announce", false)).patch("/api/groups/" + group).then().statusCode(200);
        await().atMost(PATIENCE).until(() -> !world.api().get("/groups/" + group).jsonPath().getBoolean("announce"));
        String allowed = send(group, "Agora sim");
        world.awaitSent(allowed);
        world.api().get("/messages/" + allowed).then().body("status", org.hamcrest.Matchers.not("failed"));
        await().atMost(PATIENCE).until(() -> world.control().get("/api/phones/" + BIA + "/messages").jsonPath()
                .getList("text", String.class).contains("Agora sim"));
    }

    @Test
    void aPlainMembersChangeOfALockedGroupsInfoIsRefused() {
        String group = anasGroup("Fornecedores");
        world.control().body(Map.of("from", ANA, "locked", true)).patch("/api/groups/" + group).then().statusCode(200);
        await().atMost(PATIENCE).until(() -> world.api().get("/groups/" + group).jsonPath().getBoolean("locked"));

        world.api().body(Map.of("subject", "Meu grupo")).patch("/groups/" + group).then().statusCode(403)
                .contentType("application/problem+json").body("type", endsWith("not-a-group-admin"))
                .body("detail", containsString("only admins"));
        world.api().body(Map.of("description", "Minha descrição")).patch("/groups/" + group).then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("only admins"));
        world.control().get("/api/groups/" + group).then().body("subject", equalTo("Fornecedores"))
                .body("description", org.hamcrest.Matchers.nullValue());
    }

    /** A group Ana's phone creates with the session (a plain member) and Bia, once the session knows it. */
    private String anasGroup(String subject) {
        String group = world.control().body(Map.of("from", ANA, "subject", subject, "participants", List.of(OWNER, BIA)))
                .post("/api/groups").then().statusCode(201).extract().path("group.jid");
        await().atMost(PATIENCE).ignoreExceptions().until(() -> world.api().get("/groups/" + group).statusCode() == 200);
        return group;
    }

    private String send(String group, String text) {
        return world.api().body(Map.of("to", group, "text", text)).post("/messages").then().statusCode(202).extract().path("id");
    }
}
