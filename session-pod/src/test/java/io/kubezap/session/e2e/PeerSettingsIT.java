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

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Group settings the peers expose, between the packaged pod and simulated phones, whose server holds everyone to them:
 * who may add members ({@code memberAddMode}): in the session's group a plain member's phone is refused an add until the
 * session lets every member add (the change announced); in a phone's group the session, a plain member, is refused an
 * add until that phone lets every member add. Run once per engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupSettingsIT {

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
        Path workDir = Files.createTempDirectory(Path.of("target"), "group-settings-it-" + engine + "-");
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

    /** The first {@code group.update} about {@code group} after event {@code afterId} that {@code matches}, once recorded. */
    private Map<String, Object> awaitEvent(String group, long afterId, java.util.function.Predicate<Map<String, Object>> matches) {
        return await().atMost(PATIENCE).pollInterval(Duration.ofMillis(300))
                .until(() -> world.eventsAfter("group.update", afterId).stream().map(PodAgainstSimulator::payload)
                        .filter(payload -> group.equals(payload.get("group"))).filter(matches).reduce((newer, older) -> older),
                        Optional::isPresent)
                .orElseThrow();
    }
}
