package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Talking in a group between the packaged pod and simulated phones, with Signal sender keys: a phone's post is stored
 * with its participant and push name and announced; the session's post (with a mention) is decrypted by both phones,
 * whose receipts are kept per participant, and a phone's reaction in the group lands on it; after a pod restart the sender keys still work both ways.
 * Run once per engine, in a group the session created (addressed by number) and in one a phone created that WhatsApp
 * addresses by its members' LIDs ({@link Addressing#LID}: posts, receipts and reactions come from LIDs, the session's
 * sender key goes to the members' LID devices): the same conversation, every member named by number, the LID beside.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupMessagesIT implements PlacedSession {

    private static final String OWNER = "5511999990045";
    private static final String ANA = "5511988880045";
    private static final String BIA = "5511977770045";
    private static final String ANA_JID = ANA + "@s.whatsapp.net";
    private static final String BIA_JID = BIA + "@s.whatsapp.net";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "group-messages-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "loja-45", BaileysBridge.environment(engine), placement());
        world.createPhone(BIA, "Bia");
        world.createPhone(OWNER, "Loja");
        world.createPhone(ANA, "Ana");
        world.startPod();
        world.scanCurrentQr(OWNER);
        world.awaitPhase("Connected");
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Addressing.class)
    void theSessionAndTwoPhonesTalkInAGroupAcrossARestart(Addressing addressing) throws Exception {
        String group = addressing == Addressing.LID ? lidAddressedGroupOfAna()
                : world.api().body(Map.of("subject", "Equipe", "participants", List.of(ANA_JID, BIA_JID)))
                .post("/groups").then().statusCode(201).extract().path("jid");

        long before = world.lastEventId();
        String posted = phonePosts(ANA, group, "Bom dia, pessoal!");
        Map<String, Object> stored = awaitStored(group, posted);
        assertThat(stored).containsEntry("text", "Bom dia, pessoal!").containsEntry("participant", ANA_JID)
                .containsEntry("from", ANA_JID).containsEntry("pushName", "Ana").containsEntry("direction", "in")
                .containsEntry("chat", group).containsEntry("phoneNumber", ANA);
        if (addressing == Addressing.LID) {
            assertThat(stored).as("Ana's LID beside her number").containsEntry("lid", world.lidOf(ANA));
        }
        assertThat(await().atMost(PodAgainstSimulator.PATIENCE).until(() -> world.eventsAfter("message.received", before).stream()
                .map(PodAgainstSimulator::payload).filter(payload -> posted.equals(payload.get("waMessageId"))).findFirst(),
                Optional::isPresent).orElseThrow()).containsEntry("participant", ANA_JID).containsEntry("chat", group);

        String id = world.api().body(Map.of("to", group, "text", "Oi @" + ANA + ", reunião às 10h", "mentions", List.of(ANA_JID)))
                .post("/messages").then().statusCode(202).extract().path("id");
        String waId = world.awaitSent(id);
        for (String phone : List.of(ANA, BIA)) {
            Map<String, Object> received = world.awaitAtPhone(phone, waId);
            assertThat(received).containsEntry("text", "Oi @" + ANA + ", reunião às 10h").containsEntry("group", group)
                    .containsEntry("mentions", List.of(ANA_JID));
        }

        postAPollAndALocation(group);

        world.control().body(Map.of("messageId", waId, "type", "delivery")).post("/api/phones/" + BIA + "/receipts").then().statusCode(202);
        world.control().body(Map.of("messageId", waId, "type", "read")).post("/api/phones/" + ANA + "/receipts").then().statusCode(202);
        await().atMost(PodAgainstSimulator.PATIENCE).until(() -> receipts(id).size() == 2
                && receipts(id).stream().anyMatch(receipt -> "read".equals(receipt.get("status"))));
        assertThat(receipts(id)).extracting(receipt -> receipt.get("participant") + "=" + receipt.get("status"))
                .containsExactlyInAnyOrder(BIA_JID + "=delivered", ANA_JID + "=read");

        long beforeReaction = world.lastEventId();
        world.control().body(Map.of("from", ANA, "emoji", "👍")).post("/api/groups/" + group + "/messages/" + waId + "/reactions")
                .then().statusCode(201);
        await().atMost(PodAgainstSimulator.PATIENCE).untilAsserted(() -> assertThat(world.api().get("/messages/" + id)
                .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("reactions"))
                .singleElement().satisfies(reaction -> assertThat(reaction).containsEntry("from", ANA_JID).containsEntry("emoji", "👍")));
        assertThat(await().atMost(PodAgainstSimulator.PATIENCE).until(() -> world.eventsAfter("message.reaction", beforeReaction),
                events -> !events.isEmpty())).extracting(PodAgainstSimulator::payload)
                .anySatisfy(payload -> assertThat(payload).containsEntry("emoji", "👍"));

        world.restartPod();
        world.awaitPhase("Connected");
        String afterRestart = world.api().body(Map.of("to", group, "text", "Depois do reinício"))
                .post("/messages").then().statusCode(202).extract().path("id");
        String afterRestartWaId = world.awaitSent(afterRestart);
        for (String phone : List.of(ANA, BIA)) {
            assertThat(world.awaitAtPhone(phone, afterRestartWaId)).containsEntry("text", "Depois do reinício");
        }
        String postedAgain = phonePosts(ANA, group, "Recebido!");
        assertThat(awaitStored(group, postedAgain)).containsEntry("text", "Recebido!").containsEntry("participant", ANA_JID);
        String fromBia = phonePosts(BIA, group, "Eu também");
        assertThat(awaitStored(group, fromBia)).containsEntry("participant", BIA_JID).containsEntry("pushName", "Bia");
    }

    /** Ana's group with the session and Bia, which WhatsApp addresses by its members' LIDs, as it now makes many. */
    private String lidAddressedGroupOfAna() {
        String group = world.control().body(Map.of("from", ANA, "subject", "Equipe LID", "participants", List.of(OWNER, BIA),
                "addressingMode", "lid")).post("/api/groups").then().statusCode(201).extract().path("group.jid");
        await().atMost(PodAgainstSimulator.PATIENCE).ignoreExceptions()
                .untilAsserted(() -> world.api().get("/groups/" + group).then().statusCode(200));
        return group;
    }

    private void postAPollAndALocation(String group) {
        String poll = world.api().body(Map.of("to", group, "type", "poll", "poll",
                Map.of("name", "Melhor horário?", "options", List.of("Manhã", "Tarde"), "selectableCount", 1)))
                .post("/messages").then().statusCode(202).extract().path("id");
        String location = world.api().body(Map.of("to", group, "type", "location", "location",
                Map.of("latitude", -23.5505, "longitude", -46.6333, "name", "Loja Centro")))
                .post("/messages").then().statusCode(202).extract().path("id");
        for (String phone : List.of(ANA, BIA)) {
            assertThat(world.awaitAtPhone(phone, world.awaitSent(poll))).containsEntry("type", "poll").containsEntry("group", group);
            assertThat(world.awaitAtPhone(phone, world.awaitSent(location))).containsEntry("type", "location");
        }
    }

    private String phonePosts(String phone, String group, String text) {
        return world.control().body(Map.of("from", phone, "text", text)).post("/api/groups/" + group + "/messages")
                .then().statusCode(201).extract().path("id");
    }

    private Map<String, Object> awaitStored(String group, String waId) {
        return await().atMost(PodAgainstSimulator.PATIENCE).until(() -> world.api().queryParam("chat", group).get("/messages")
                .then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items").stream()
                .filter(message -> waId.equals(message.get("waMessageId"))).findFirst(), Optional::isPresent).orElseThrow();
    }

    private List<Map<String, Object>> receipts(String id) {
        return world.api().get("/messages/" + id + "/receipts").then().statusCode(200).extract().jsonPath().getList("$");
    }
}
