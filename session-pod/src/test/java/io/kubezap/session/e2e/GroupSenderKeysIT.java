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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The session's sender key follows who is in a group at each post (issue 34, item 5): a member added later, one who
 * left and came back by the invite link, and a member's device added after the group was made all read the session;
 * one who left or was removed cannot read what is posted after, even with the key it kept (the simulator tries it).
 * The same for a member's new device in a group WhatsApp addresses by its members' LIDs. Run once per engine: the
 * member's new device is announced by WhatsApp's {@code devices} notification (Baileys caches device lists), and each
 * engine makes a new sender key when someone leaves (neither does it by itself: the adapters). A contact's new device
 * gets the session's next one-to-one text too.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupSenderKeysIT {

    private static final String OWNER = "5511999990046";
    private static final String BRUNO = "5511988880046";
    private static final String CAIO = "5511977770046";
    private static final String DUDA = "5511966660046";
    private static final String EDU = "5511955550046";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "group-sender-keys-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "loja-46", BaileysBridge.environment(engine));
        world.createPhone(CAIO, "Caio");
        world.createPhone(DUDA, "Duda");
        world.createPhone(EDU, "Edu");
        world.startLinked(OWNER, BRUNO);
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void everyoneInTheGroupAtAPostReadsItAndNobodyWhoLeftDoes() {
        String group = world.api().body(Map.of("subject", "Equipe", "participants", List.of(jid(BRUNO), jid(CAIO))))
                .post("/groups").then().statusCode(201).extract().path("jid");
        String first = post(group, "Primeira");
        awaitAt(first, BRUNO, CAIO);

        world.api().body(Map.of("add", List.of(DUDA))).post("/groups/" + group + "/participants").then().statusCode(200);
        world.control().body(Map.of("from", CAIO)).post("/api/groups/" + group + "/leave").then().statusCode(200);
        String whileCaioIsOut = post(group, "Enquanto o Caio está fora");
        awaitAt(whileCaioIsOut, BRUNO, DUDA);

        String code = world.api().get("/groups/" + group + "/invite-link").then().statusCode(200).extract().path("code");
        world.control().body(Map.of("from", CAIO, "code", code)).post("/api/groups/join").then().statusCode(200);
        String afterRejoining = post(group, "Caio voltou");
        awaitAt(afterRejoining, BRUNO, CAIO, DUDA);

        int brunosTablet = world.control().body(Map.of()).post("/api/phones/" + BRUNO + "/simulated-devices")
                .then().statusCode(201).extract().path("deviceId");
        String toEveryDevice = post(group, "Para todos os aparelhos");
        awaitAt(toEveryDevice, BRUNO, CAIO, DUDA);
        await().atMost(PodAgainstSimulator.PATIENCE).until(() -> ids(world.control()
                .get("/api/phones/" + BRUNO + "/simulated-devices/" + brunosTablet + "/messages").jsonPath().getList("$")),
                ids -> ids.contains(toEveryDevice));

        world.api().body(Map.of("remove", List.of(DUDA))).post("/groups/" + group + "/participants").then().statusCode(200);
        String afterRemoval = post(group, "Sem a Duda");
        awaitAt(afterRemoval, BRUNO, CAIO);

        assertThat(ids(overheard(CAIO))).as("what Caio could read while out of the group").doesNotContain(whileCaioIsOut);
        assertThat(ids(overheard(DUDA))).as("what Duda could read after her removal").doesNotContain(afterRemoval);
        assertThat(ids(inbox(DUDA))).doesNotContain(afterRemoval);
        assertThat(ids(inbox(CAIO))).doesNotContain(whileCaioIsOut);
    }

    @Test
    void aMembersNewDeviceReadsTheNextPostInAGroupWhatsAppAddressesByLid() {
        String group = world.control().body(Map.of("from", CAIO, "subject", "Equipe LID", "participants", List.of(OWNER, DUDA),
                "addressingMode", "lid")).post("/api/groups").then().statusCode(201).extract().path("group.jid");
        await().atMost(PodAgainstSimulator.PATIENCE).ignoreExceptions()
                .untilAsserted(() -> world.api().get("/groups/" + group).then().statusCode(200));
        String first = post(group, "Primeira no grupo LID");
        awaitAt(first, CAIO, DUDA);

        int dudasTablet = world.control().body(Map.of()).post("/api/phones/" + DUDA + "/simulated-devices")
                .then().statusCode(201).extract().path("deviceId");
        String toEveryDevice = post(group, "Para todos os aparelhos, pelo LID");
        awaitAt(toEveryDevice, CAIO, DUDA);
        await().atMost(PodAgainstSimulator.PATIENCE).until(() -> ids(world.control()
                .get("/api/phones/" + DUDA + "/simulated-devices/" + dudasTablet + "/messages").jsonPath().getList("$")),
                ids -> ids.contains(toEveryDevice));
    }

    /**
     * A contact's device added after the session wrote to it gets the session's next text: WhatsApp's {@code devices}
     * notification makes the engine forget the contact's device list it cached (Cobalt 0.0.10 keeps it for ever).
     */
    @Test
    void aContactsNewDeviceGetsTheSessionsNextText() {
        String first = post(jid(EDU), "Oi, Edu");
        awaitAt(first, EDU);
        int edusTablet = world.control().body(Map.of()).post("/api/phones/" + EDU + "/simulated-devices")
                .then().statusCode(201).extract().path("deviceId");
        String next = post(jid(EDU), "Oi de novo, Edu");
        awaitAt(next, EDU);
        await().atMost(PodAgainstSimulator.PATIENCE).until(() -> ids(world.control()
                .get("/api/phones/" + EDU + "/simulated-devices/" + edusTablet + "/messages").jsonPath().getList("$")),
                ids -> ids.contains(next));
    }

    private String post(String group, String text) {
        String id = world.api().body(Map.of("to", group, "text", text)).post("/messages").then().statusCode(202).extract().path("id");
        return world.awaitSent(id);
    }

    private void awaitAt(String waId, String... phones) {
        for (String phone : phones) {
            assertThat(world.awaitAtPhone(phone, waId)).containsEntry("type", "text");
        }
    }

    private List<Map<String, Object>> overheard(String phone) {
        return world.control().get("/api/phones/" + phone + "/overheard").jsonPath().getList("$");
    }

    private List<Map<String, Object>> inbox(String phone) {
        return world.control().get("/api/phones/" + phone + "/messages").jsonPath().getList("$");
    }

    private static List<Object> ids(List<Map<String, Object>> messages) {
        return messages.stream().map(message -> message.get("id")).toList();
    }

    private static String jid(String number) {
        return number + "@s.whatsapp.net";
    }
}
